package io.firebreak.incident;

import java.time.OffsetDateTime;

/**
 * A firing alert within the reopen window after the resolution took the incident back into the Fix, published in the
 * alert's transaction.
 *
 * @param reopenings how often the incident has been reopened now, this time included
 */
public record IncidentReopened(String key, Severity severity, OffsetDateTime reopenedAt, int reopenings) {
}
