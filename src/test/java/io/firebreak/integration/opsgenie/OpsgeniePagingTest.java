package io.firebreak.integration.opsgenie;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.alert.Alert;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.integration.ConnectedFirebreakTest;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.incident.Paging;
import io.firebreak.integration.RateLimited;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OpsgeniePagingTest extends ConnectedFirebreakTest {

  @Autowired
  Paging paging;

  @Test
  void pagingCreatesOneAlertPerIncidentByItsAliasAndClosesItAtResolution() {
    Incident incident = declareAndStaff("Payments fail", Severity.SEV1);

    paging.pageOnCall(incident);
    paging.closeAlert(incident);

    String alias = "firebreak-" + incident.key();
    vendors.verify(postRequestedFor(urlEqualTo("/opsgenie/v2/alerts"))
        .withHeader("Authorization", equalTo("GenieKey " + GENIE_KEY))
        .withRequestBody(equalToJson("""
            {"message": "%1$s SEV1: Payments fail", "alias": "%2$s", "description": "Uploads fail with HTTP 500",
             "priority": "P1", "source": "Firebreak", "responders": [{"type": "team", "name": "SRE"}],
             "tags": ["firebreak", "SEV1"], "details": {"incident": "%1$s"}}
            """.formatted(incident.key(), alias))));
    vendors.verify(postRequestedFor(urlEqualTo("/opsgenie/v2/alerts/" + alias + "/close?identifierType=alias"))
        .withHeader("Authorization", equalTo("GenieKey " + GENIE_KEY))
        .withRequestBody(equalToJson("""
            {"user": "Firebreak", "source": "Firebreak", "note": "%s is resolved"}
            """.formatted(incident.key()))));
    assertThat(requests()).hasSize(2);
  }

  @Test
  void theOpsgenieAlertThatStartedTheIncidentIsAcknowledgedAndClosed() {
    String alias = "og-" + System.nanoTime();
    var outcome = alertIntake.accept(Alert.firing("opsgenie", "opsgenie:" + alias, "Disk full on db-3", "95% used",
        "critical", "production", "Database", null, Map.of()));
    triageAlert(outcome.processInstanceId());
    String key = incidents.findByProcessInstance(outcome.processInstanceId()).orElseThrow().key();
    takeIncidentManagerRole(outcome.processInstanceId(), "ivan");
    Incident incident = incidents.get(key);

    paging.acknowledgeAlert(incident);
    paging.closeAlert(incident);

    vendors.verify(postRequestedFor(urlEqualTo("/opsgenie/v2/alerts/" + alias + "/acknowledge?identifierType=alias"))
        .withHeader("Authorization", equalTo("GenieKey " + GENIE_KEY))
        .withRequestBody(equalToJson("""
            {"user": "Firebreak", "source": "Firebreak", "note": "ivan took the Incident Manager role for %s"}
            """.formatted(key))));
    vendors.verify(postRequestedFor(urlEqualTo("/opsgenie/v2/alerts/" + alias + "/close?identifierType=alias")));
    assertThat(requests()).hasSize(2);
  }

  @Test
  void anAlertFromElsewhereHasNothingToAcknowledgeInOpsgenie() {
    var instance = receiveAlert("critical", "production");
    Incident incident = incidents.findByProcessInstance(instance.getId()).orElseThrow();

    paging.acknowledgeAlert(incident);
    paging.closeAlert(incident);

    assertThat(requests()).isEmpty();
    assertThat(incidents.timeline(incident.key())).anySatisfy(entry -> assertThat(entry.message())
        .isEqualTo("Nothing to acknowledge in Opsgenie: the alert came from alertmanager"));
  }

  @Test
  void refusedKeysValidationErrorsRateLimitsAndOutagesFailTheStep() {
    Incident incident = declare("Logins slow", Severity.SEV2, "frida");
    vendors.stubFor(post("/opsgenie/v2/alerts").willReturn(aResponse().withStatus(401)
        .withBody("{\"message\":\"Key format is not valid!\",\"took\":0.0}")));
    assertThatThrownBy(() -> paging.pageOnCall(incident))
        .hasMessage("Opsgenie refused the credentials for POST /opsgenie/v2/alerts (HTTP 401): "
            + "{\"message\":\"Key format is not valid!\",\"took\":0.0}");

    vendors.stubFor(post("/opsgenie/v2/alerts").willReturn(aResponse().withStatus(422)
        .withBody("{\"message\":\"Request body is not processable\",\"took\":0.0}")));
    assertThatThrownBy(() -> paging.pageOnCall(incident))
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessage("Opsgenie answered HTTP 422 to POST /opsgenie/v2/alerts: "
            + "{\"message\":\"Request body is not processable\",\"took\":0.0}");

    vendors.stubFor(post(urlMatching("/opsgenie/v2/alerts")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "90")));
    assertThatThrownBy(() -> paging.pageOnCall(incident)).isInstanceOf(RateLimited.class);

    vendors.stubFor(post(urlMatching("/opsgenie/v2/alerts")).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> paging.pageOnCall(incident))
        .hasMessage("Opsgenie answered HTTP 503 to POST /opsgenie/v2/alerts: (no body)");
  }
}
