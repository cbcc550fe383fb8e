package io.firebreak.incident;

import java.time.OffsetDateTime;

/** An Incident Manager took the incident for the first time, published in the task's transaction. */
public record IncidentAcknowledged(String key, Severity severity, OffsetDateTime detectedAt,
                                   OffsetDateTime acknowledgedAt) {
}
