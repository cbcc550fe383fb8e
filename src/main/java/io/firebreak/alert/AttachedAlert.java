package io.firebreak.alert;

import java.time.OffsetDateTime;

/** An alert as a reader of its incident sees it (the incident's alerts API and page). */
public record AttachedAlert(String fingerprint, String source, String title, String status, long occurrences,
                            OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, String group) {
}
