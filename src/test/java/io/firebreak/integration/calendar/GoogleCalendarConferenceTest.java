package io.firebreak.integration.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Conference;
import io.firebreak.postmortem.MeetingCalendar;
import io.firebreak.integration.ConnectedFirebreakTest;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.RateLimits;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

class GoogleCalendarConferenceTest extends ConnectedFirebreakTest {

  private static final String EVENTS = "/google/calendar/v3/calendars/primary/events";

  @Autowired
  Conference conference;
  @Autowired
  MeetingCalendar calendar;

  @Autowired
  ObjectMapper json;

  @Test
  void theWarRoomIsAnEventWithAMeetLinkCreatedAsTheMailboxWithASignedServiceAccountToken() throws Exception {
    Incident incident = declare("Checkout down", Severity.SEV1, "frida");

    ExternalLink bridge = conference.openBridge(incident).orElseThrow();

    String eventId = GoogleCalendarConference.eventId(incident.processInstanceId(), incident.key(), "war-room");
    assertThat(bridge).isEqualTo(new ExternalLink(eventId, MEET));
    assertThat(eventId).matches("[0-9a-v]{5,1024}");

    LoggedRequest insert = requestsTo(EVENTS).get(0);
    assertThat(insert.getUrl()).isEqualTo(EVENTS + "?conferenceDataVersion=1");
    assertThat(insert.getHeader("Authorization")).isEqualTo("Bearer " + GOOGLE_TOKEN);
    JsonNode event = json.readTree(insert.getBodyAsString());
    assertThat(event.path("id").asText()).isEqualTo(eventId);
    assertThat(event.path("summary").asText()).isEqualTo("War room " + incident.key() + " (SEV1): Checkout down");
    assertThat(event.at("/conferenceData/createRequest/requestId").asText()).isEqualTo(eventId);
    assertThat(event.at("/conferenceData/createRequest/conferenceSolutionKey/type").asText()).isEqualTo("hangoutsMeet");
    OffsetDateTime start = OffsetDateTime.parse(event.at("/start/dateTime").asText());
    OffsetDateTime end = OffsetDateTime.parse(event.at("/end/dateTime").asText());
    assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(2));

  }

  @Test
  void theServiceAccountTokenIsASignedJwtExchangedOnceWhileValid(@Autowired RestClient.Builder builder,
                                                                @Autowired RateLimits rateLimits) throws Exception {
    GoogleProperties properties = new GoogleProperties(credentialsFile(), MAILBOX, null, vendors.baseUrl() + "/google",
        vendors.baseUrl() + "/google/token", null);
    ServiceAccountTokens tokens = new ServiceAccountTokens(properties, builder, rateLimits);

    assertThat(tokens.token()).isEqualTo(GOOGLE_TOKEN);
    assertThat(tokens.token()).isEqualTo(GOOGLE_TOKEN);

    assertThat(requestsTo("/google/token")).as("the token is kept while valid").hasSize(1);
    LoggedRequest token = requestsTo("/google/token").get(0);
    assertThat(token.formParameter("grant_type").firstValue()).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
    String[] jwt = URLDecoder.decode(token.formParameter("assertion").firstValue(), StandardCharsets.UTF_8).split("\\.");
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(googleKey.getPublic());
    rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("signed with the service account's key").isTrue();
    JsonNode header = json.readTree(Base64.getUrlDecoder().decode(jwt[0]));
    JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("kid").asText()).as("the key file's private_key_id").isEqualTo(
        "0123456789abcdef0123456789abcdef01234567");
    assertThat(claims.path("iss").asText()).isEqualTo("firebreak@firebreak-test.iam.gserviceaccount.com");
    assertThat(claims.path("sub").asText()).isEqualTo(MAILBOX);
    assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/calendar.events");
    // Google's token endpoint is the audience wherever the request is sent (google-auth-library signs it so)
    assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
  }

  @Test
  void aServiceAccountWithoutDelegationIsRefusedByTheTokenEndpoint(@Autowired RestClient.Builder builder,
                                                                   @Autowired RateLimits rateLimits) {
    vendors.stubFor(post("/google/token").willReturn(aResponse().withStatus(401).withBody(
        "{\"error\":\"unauthorized_client\",\"error_description\":\"Client is unauthorized to retrieve access tokens\"}")));
    GoogleProperties properties = new GoogleProperties(credentialsFile(), MAILBOX, null, vendors.baseUrl() + "/google",
        vendors.baseUrl() + "/google/token", null);

    assertThatThrownBy(() -> new ServiceAccountTokens(properties, builder, rateLimits).token())
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessageStartingWith("Google OAuth refused the credentials for POST /google/token (HTTP 401): ")
        .hasMessageContaining("unauthorized_client")
        .message().doesNotContain("PRIVATE KEY");
  }

  @Test
  void aRateLimitedTokenRequestWaitsAsAskedAndIsSentAgain(@Autowired RestClient.Builder builder,
                                                         @Autowired RateLimits rateLimits) {
    vendors.stubFor(post("/google/token").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
            .withBody("{\"error\":\"rate_limit_exceeded\"}"))
        .willSetStateTo("waited"));
    vendors.stubFor(post("/google/token").inScenario("limited").whenScenarioStateIs("waited").willReturn(okJson(
        "{\"access_token\":\"ya29.after-the-wait\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    GoogleProperties properties = new GoogleProperties(credentialsFile(), MAILBOX, null, vendors.baseUrl() + "/google",
        vendors.baseUrl() + "/google/token", null);

    assertThat(new ServiceAccountTokens(properties, builder, rateLimits).token()).isEqualTo("ya29.after-the-wait");
    assertThat(requestsTo("/google/token")).hasSize(2);
  }

  @Test
  void aMeetingInvitesItsAttendeesAndIsFoundAgainByItsPurpose() throws Exception {
    Incident incident = declare("Queue backlog", Severity.SEV3, "frida");
    OffsetDateTime start = OffsetDateTime.parse("2026-12-01T10:00:00+01:00");
    var meeting = new MeetingCalendar.Meeting("Postmortem " + incident.key(), "Bring your preparation form.", start,
        Duration.ofMinutes(90), List.of("ivan@firebreak.example", "dora@firebreak.example"));

    ExternalLink scheduled = calendar.scheduleMeeting(incident, "postmortem", meeting).orElseThrow();

    String eventId = GoogleCalendarConference.eventId(incident.processInstanceId(), incident.key(), "postmortem");
    assertThat(scheduled).isEqualTo(new ExternalLink(eventId, MEET));
    assertThat(eventId).isNotEqualTo(GoogleCalendarConference.eventId(incident.processInstanceId(), incident.key(),
        "war-room"));
    LoggedRequest insert = requestsTo(EVENTS).get(0);
    assertThat(insert.getUrl()).isEqualTo(EVENTS + "?conferenceDataVersion=1&sendUpdates=all");
    JsonNode event = json.readTree(insert.getBodyAsString());
    assertThat(event.path("summary").asText()).isEqualTo("Postmortem " + incident.key());
    assertThat(event.at("/start/dateTime").asText()).isEqualTo("2026-12-01T10:00:00+01:00");
    assertThat(event.at("/end/dateTime").asText()).isEqualTo("2026-12-01T11:30:00+01:00");
    assertThat(event.path("attendees").findValuesAsText("email"))
        .containsExactly("ivan@firebreak.example", "dora@firebreak.example");
  }

  @Test
  void aRetryFindsTheEventItCreatedInsteadOfCreatingASecond() {
    Incident incident = declare("Checkout down again", Severity.SEV1, "frida");
    String eventId = GoogleCalendarConference.eventId(incident.processInstanceId(), incident.key(), "war-room");
    vendors.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(aResponse().withStatus(409)
        .withBody("{\"error\":{\"code\":409,\"message\":\"The requested identifier already exists.\"}}")));
    vendors.stubFor(get(EVENTS + "/" + eventId).willReturn(okJson("""
        {"id": "%s", "conferenceData": {"entryPoints": [
          {"entryPointType": "phone", "uri": "tel:+1-555-0100"},
          {"entryPointType": "video", "uri": "https://meet.google.com/xyz-abcd-efg"}]}}
        """.formatted(eventId))));

    assertThat(conference.openBridge(incident)).contains(new ExternalLink(eventId, "https://meet.google.com/xyz-abcd-efg"));
    assertThat(requests()).extracting(r -> r.getMethod().getName() + " " + r.getUrl().replaceAll("\\?.*", ""))
        .containsSubsequence("POST " + EVENTS, "GET " + EVENTS + "/" + eventId);
  }

  @Test
  void aMeetLinkStillBeingCreatedFailsTheStepForItsRetry() {
    Incident incident = declare("Checkout down once more", Severity.SEV2, "frida");
    vendors.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("""
        {"id": "fbpending", "conferenceData": {"createRequest": {"status": {"statusCode": "pending"}}}}
        """)));

    assertThatThrownBy(() -> conference.openBridge(incident))
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessage("Google Calendar created event fbpending but its Meet link is not ready (conference status pending); "
            + "the step is retried and finds the event");
  }

  @Test
  void aRefusedDelegationFailsWithGooglesMessage() {
    Incident incident = declare("Checkout flaky", Severity.SEV2, "frida");
    vendors.stubFor(post(urlPathEqualTo(EVENTS)).withHeader("Authorization", equalTo("Bearer " + GOOGLE_TOKEN))
        .willReturn(aResponse().withStatus(403).withBody("{\"error\":{\"message\":\"Insufficient Permission\"}}")));

    assertThatThrownBy(() -> conference.openBridge(incident))
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessageStartingWith("Google Calendar refused the credentials for POST " + EVENTS + " (HTTP 403): ")
        .hasMessageContaining("Insufficient Permission");
  }
}
