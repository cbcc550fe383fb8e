package io.firebreak.incident;

import java.time.OffsetDateTime;

/** One thing that happened during an incident, in order; {@code details} holds raw data such as an alert's payload. */
public record TimelineEntry(long id, OffsetDateTime occurredAt, TimelineEntryType type, String actor, String message,
                            String details) {
}
