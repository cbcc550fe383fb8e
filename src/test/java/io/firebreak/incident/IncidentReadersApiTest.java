package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who reads incidents and postmortems through {@code /api}: responders everything, viewers all but raw payloads. */
class IncidentReadersApiTest extends IncidentScenarios {

  static final String RAW_ALERT = "{\"labels\":{\"alertname\":\"MediaUploadErrorRate\",\"token\":\"raw-secret\"}}";

  @LocalServerPort
  int port;

  Http http;
  Incident incident;

  @BeforeEach
  void setUp() {
    http = Http.to(port);
    incident = declare("Media uploads fail", Severity.SEV2, "frida");
    incidents.appendTimeline(incident.key(), TimelineEntryType.ALERT_REPEATED, null, "Alert fired again (2 times)",
        RAW_ALERT);
  }

  @Test
  void aResponderReadsTheTimelineWithTheRawAlertPayloads() {
    JsonNode details = http.as("frida").get("/api/incidents/" + incident.key()).json();

    assertThat(repeated(details).get("details").asText()).isEqualTo(RAW_ALERT);
    assertThat(http.as("frida").get("/api/incidents").status()).isEqualTo(200);
  }

  @Test
  void aViewerReadsIncidentsAndTheirTimelinesButNoRawPayloads() {
    Http vera = http.as("vera");

    Http.Response list = vera.get("/api/incidents");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.json().findValuesAsText("key")).contains(incident.key());
    Http.Response one = vera.get("/api/incidents/" + incident.key());
    assertThat(one.status()).as(one.body()).isEqualTo(200);
    assertThat(repeated(one.json()).get("message").asText()).isEqualTo("Alert fired again (2 times)");
    assertThat(one.json().get("timeline")).allSatisfy(entry -> assertThat(entry.has("details")).isFalse());
    assertThat(one.body()).doesNotContain("raw-secret");
    assertThat(vera.get("/api/postmortems").status()).isEqualTo(200);
    assertThat(vera.get("/api/postmortems?q=uploads").status()).isEqualTo(200);
  }

  @Test
  void aProcessOwnerAndAUserInNoGroupReadNothingAndAreToldWhatIsMissing() {
    createUser("loner", "loner-password");
    for (Http reader : new Http[] {http.as("paula"), http.as("loner", "loner-password")}) {
      for (String path : new String[] {"/api/incidents", "/api/incidents/" + incident.key(), "/api/incidents/INC-0",
          "/api/postmortems", "/api/postmortems/" + incident.key()}) {
        Http.Response refused = reader.get(path);
        assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(403);
        assertThat(refused.json().get("detail").asText()).as(path)
            .contains("incident-viewers", "first-responders", "incident-managers");
        assertThat(refused.body()).doesNotContain(incident.title());
      }
    }
  }

  private static JsonNode repeated(JsonNode details) {
    for (JsonNode entry : details.get("timeline")) {
      if (entry.get("type").asText().equals(TimelineEntryType.ALERT_REPEATED.name())) {
        return entry;
      }
    }
    throw new AssertionError("no repeated alert on the timeline: " + details);
  }
}
