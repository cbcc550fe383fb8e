package io.firebreak.incident;

import java.time.OffsetDateTime;

/** One thing that happened during an incident, in the order it happened. */
public record TimelineEntry(long id, OffsetDateTime occurredAt, TimelineEntryType type, String actor, String message) {
}
