package io.firebreak.integration.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.integration.ConditionalOnSetting;
import io.firebreak.incident.Conference;
import io.firebreak.postmortem.MeetingCalendar;
import io.firebreak.postmortem.MeetingCalendar.Meeting;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.OutsideHttp;
import io.firebreak.integration.RateLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The war room of a high-severity incident: a Google Calendar event with a Google Meet link
 * ({@code conferenceDataVersion=1}), in the calendar of the mailbox the service account acts as. The event's id is
 * derived from the incident, so a retried step finds the event it created ({@code 409}) instead of creating a second.
 *
 * <p>Set-up: a service account with domain-wide delegation for the scope
 * {@code https://www.googleapis.com/auth/calendar.events}, and a mailbox of the domain to act as.
 */
@Component
@Primary
@ConditionalOnSetting({"firebreak.google.credentials-file", "firebreak.google.impersonate"})
@EnableConfigurationProperties(GoogleProperties.class)
class GoogleCalendarConference implements Conference, MeetingCalendar {

  private final RestClient http;
  private final GoogleProperties properties;
  private final ServiceAccountTokens tokens;
  private final RateLimits rateLimits;
  private final ObjectMapper json;

  GoogleCalendarConference(GoogleProperties properties, RestClient.Builder builder, RateLimits rateLimits,
                           ObjectMapper json) {
    this.properties = properties;
    this.tokens = new ServiceAccountTokens(properties, builder, rateLimits);
    this.http = OutsideHttp.client(builder, "Google Calendar", properties.baseUrl(), headers -> { });
    this.rateLimits = rateLimits;
    this.json = json;
  }

  @Override
  public Optional<ExternalLink> openBridge(Incident incident) {
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    return Optional.of(createOrFind(incident, "war-room", new Meeting(
        "War room " + incident.key() + " (" + incident.severity() + "): " + incident.title(),
        "Incident " + incident.key() + " — join the call to work on it."
            + (incident.chatChannel() == null ? "" : "\nIncident channel: " + incident.chatChannel().url()),
        start, properties.warRoomDuration(), List.of()), false));
  }

  @Override
  public Optional<ExternalLink> scheduleMeeting(Incident incident, String purpose, Meeting meeting) {
    return Optional.of(createOrFind(incident, purpose, meeting, true));
  }

  /** Inserts the event with an id derived from incident and purpose; a retry gets 409 and reads the event instead. */
  private ExternalLink createOrFind(Incident incident, String purpose, Meeting meeting, boolean invite) {
    String eventId = eventId(incident.processInstanceId(), incident.key(), purpose);
    ObjectNode event = json.createObjectNode();
    event.put("id", eventId);
    event.put("summary", meeting.title());
    event.put("description", meeting.description());
    event.putObject("start").put("dateTime", meeting.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    event.putObject("end").put("dateTime", meeting.start().plus(meeting.duration())
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    if (!meeting.attendees().isEmpty()) {
      meeting.attendees().forEach(email -> event.withArray("attendees").addObject().put("email", email));
    }
    event.putObject("conferenceData").putObject("createRequest")
        .put("requestId", eventId)
        .putObject("conferenceSolutionKey").put("type", "hangoutsMeet");
    String query = "?conferenceDataVersion=1" + (invite ? "&sendUpdates=all" : "");
    JsonNode created;
    try {
      created = rateLimits.call(() -> http.post()
          .uri("/calendar/v3/calendars/{calendar}/events" + query, properties.calendarId())
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token())
          .contentType(MediaType.APPLICATION_JSON).body(event).retrieve().body(JsonNode.class));
    } catch (OutsideCallFailed e) {
      if (e.httpStatus() != 409) {
        throw e;
      }
      created = rateLimits.call(() -> http.get()
          .uri("/calendar/v3/calendars/{calendar}/events/{id}", properties.calendarId(), eventId)
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token())
          .retrieve().body(JsonNode.class));
    }
    return new ExternalLink(eventId, meetLink(created));
  }

  /** The Meet link of an event; Google may still be creating it, in which case the step is retried. */
  private static String meetLink(JsonNode event) {
    String link = event.path("hangoutLink").asText(null);
    if (link == null) {
      for (JsonNode entryPoint : event.path("conferenceData").path("entryPoints")) {
        if ("video".equals(entryPoint.path("entryPointType").asText())) {
          link = entryPoint.path("uri").asText(null);
        }
      }
    }
    if (link == null) {
      throw new OutsideCallFailed("Google Calendar created event " + event.path("id").asText()
          + " but its Meet link is not ready (conference status "
          + event.path("conferenceData").path("createRequest").path("status").path("statusCode").asText("unknown")
          + "); the step is retried and finds the event");
    }
    return link;
  }

  /** A calendar event id of Google's alphabet (0-9, a-v), the same for every try of one step of one incident. */
  static String eventId(String processInstanceId, String incidentKey, String purpose) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((processInstanceId + "/" + incidentKey + "/" + purpose).getBytes(StandardCharsets.UTF_8));
      return "fb" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
