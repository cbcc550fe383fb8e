package io.firebreak.postmortem;

import java.time.LocalDate;

/** Work that follows from an incident, owned by one person; {@code due} may be null. */
public record FollowUp(String title, String description, String ownerEmail, boolean important, boolean urgent,
                       LocalDate due) {
}
