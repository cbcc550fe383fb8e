package io.firebreak.integration.calendar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Google Calendar through a service account with domain-wide delegation: its JSON key file and the mailbox it acts as
 * switch the adapter on. War-room events go into that mailbox's calendar ({@code calendar-id}, default
 * {@code primary}). {@code base-url} and {@code token-url} change only for tests.
 */
@ConfigurationProperties(prefix = "firebreak.google")
record GoogleProperties(String credentialsFile, String impersonate, String calendarId, String baseUrl, String tokenUrl,
                        Duration warRoomDuration) {

  GoogleProperties {
    calendarId = calendarId == null || calendarId.isBlank() ? "primary" : calendarId;
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://www.googleapis.com" : baseUrl.replaceAll("/+$", "");
    warRoomDuration = warRoomDuration == null ? Duration.ofHours(2) : warRoomDuration;
  }
}
