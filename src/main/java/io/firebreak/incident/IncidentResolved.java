package io.firebreak.incident;

import java.time.OffsetDateTime;

/**
 * The Incident Manager confirmed the resolution, published in the task's transaction. An incident ended as a false
 * alarm or a duplicate was never fixed and publishes {@link IncidentEnded} instead.
 *
 * @param reopenings how often the incident was reopened before this resolution: 0 for its first
 */
public record IncidentResolved(String key, Severity severity, OffsetDateTime detectedAt, OffsetDateTime resolvedAt,
                               int reopenings) {
}
