package io.firebreak.incident;

import java.time.OffsetDateTime;

/**
 * The Incident Manager confirmed the resolution, published in the task's transaction. An incident ended as a false
 * alarm or a duplicate was never fixed and publishes {@link IncidentEnded} instead.
 */
public record IncidentResolved(String key, Severity severity, OffsetDateTime detectedAt, OffsetDateTime resolvedAt) {
}
