package io.firebreak.integration.statuspage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository.LinkKind;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Status;
import io.firebreak.integration.ConnectedFirebreakTest;
import io.firebreak.incident.ExternalUpdate;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.RateLimited;
import io.firebreak.incident.StatusPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StatuspageStatusPageTest extends ConnectedFirebreakTest {

  private static final String INCIDENTS = "/statuspage/v1/pages/" + PAGE + "/incidents";

  @Autowired
  StatusPage statusPage;

  @Test
  void theFirstUpdateCreatesTheIncidentWithItsComponentsLaterOnesUpdateItAndResolutionResolvesIt() {
    Incident incident = declare("Checkout fails", Severity.SEV1, "frida");

    ExternalLink link = statusPage.publishUpdate(incident,
        new ExternalUpdate(Status.INVESTIGATING, "We are looking into failed checkouts.", "API, dashboard, Billing"))
        .orElseThrow();

    assertThat(link).isEqualTo(new ExternalLink(STATUSPAGE_INCIDENT, "https://stspg.io/abc123"));
    vendors.verify(postRequestedFor(urlEqualTo(INCIDENTS))
        .withHeader("Authorization", equalTo("OAuth " + STATUSPAGE_KEY))
        .withRequestBody(equalToJson("""
            {"incident": {"status": "investigating", "body": "We are looking into failed checkouts.",
              "components": {"cmp-api": "major_outage", "cmp-dash": "major_outage"},
              "component_ids": ["cmp-api", "cmp-dash"],
              "name": "Checkout fails", "impact_override": "critical", "deliver_notifications": true}}
            """)));
    assertThat(incidents.timeline(incident.key())).anySatisfy(entry -> assertThat(entry.message())
        .isEqualTo("The status page has no component named Billing; published without it"));

    incidents.link(incident.key(), LinkKind.STATUS_PAGE, link);
    statusPage.publishUpdate(incidents.get(incident.key()),
        new ExternalUpdate(Status.IDENTIFIED, "A faulty release; rolling back.", null));
    vendors.verify(patchRequestedFor(urlEqualTo(INCIDENTS + "/" + STATUSPAGE_INCIDENT))
        .withHeader("Authorization", equalTo("OAuth " + STATUSPAGE_KEY))
        .withRequestBody(equalToJson("""
            {"incident": {"status": "identified", "body": "A faulty release; rolling back.",
              "components": {}, "component_ids": []}}
            """)));

    statusPage.resolve(incidents.get(incident.key()), "Checkouts work again since 14:05 UTC.");
    vendors.verify(patchRequestedFor(urlEqualTo(INCIDENTS + "/" + STATUSPAGE_INCIDENT))
        .withRequestBody(equalToJson("""
            {"incident": {"status": "resolved", "body": "Checkouts work again since 14:05 UTC.",
              "components": {"cmp-api": "operational", "cmp-dash": "operational"},
              "component_ids": ["cmp-api", "cmp-dash"]}}
            """)));
    assertThat(requestsTo(INCIDENTS)).hasSize(1);
  }

  @Test
  void withoutAPublishedUpdateThereIsNothingToResolve() {
    Incident incident = declare("Internal tool slow", Severity.SEV3, "frida");

    statusPage.resolve(incident, "Fixed.");

    assertThat(requests()).isEmpty();
    assertThat(incidents.timeline(incident.key())).anySatisfy(entry -> assertThat(entry.message())
        .isEqualTo("No status page incident to resolve: no external update was published"));
  }

  @Test
  void enhanceYourCalmIsARateLimitWaitedOut() {
    Incident incident = declare("Reports late", Severity.SEV3, "frida");
    vendors.stubFor(post(INCIDENTS).inScenario("calm").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(420).withHeader("Retry-After", "1")).willSetStateTo("calmed"));
    vendors.stubFor(post(INCIDENTS).inScenario("calm").whenScenarioStateIs("calmed")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"sp-late\",\"shortlink\":\"https://stspg.io/late\"}")));

    var link = statusPage.publishUpdate(incident, new ExternalUpdate(Status.INVESTIGATING, "Looking.", null));

    assertThat(link).get().extracting(ExternalLink::id).isEqualTo("sp-late");
    assertThat(requestsTo(INCIDENTS)).hasSize(2);
  }

  @Test
  void aLongRateLimitFailsTheStep() {
    Incident incident = declare("Reports later", Severity.SEV3, "frida");
    vendors.stubFor(post(INCIDENTS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));

    assertThatThrownBy(() -> statusPage.publishUpdate(incident, new ExternalUpdate(Status.INVESTIGATING, "Looking.", null)))
        .isInstanceOf(RateLimited.class)
        .hasMessage("Statuspage rate-limited POST /statuspage/v1/pages/pg1/incidents (HTTP 429), retry after 60 s");
  }

  @Test
  void aRefusedKeyAndAServerErrorFailTheStepWithStatuspagesMessage() {
    Incident incident = declare("Exports fail", Severity.SEV3, "frida");
    vendors.stubFor(post(INCIDENTS).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":\"Could not authenticate\"}")));

    assertThatThrownBy(() -> statusPage.publishUpdate(incident, new ExternalUpdate(Status.INVESTIGATING, "Looking.", null)))
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessage("Statuspage refused the credentials for POST /statuspage/v1/pages/pg1/incidents (HTTP 401): "
            + "{\"error\":\"Could not authenticate\"}")
        .message().doesNotContain(STATUSPAGE_KEY);

    incidents.link(incident.key(), LinkKind.STATUS_PAGE, new ExternalLink(STATUSPAGE_INCIDENT, "https://stspg.io/x"));
    vendors.stubFor(patch(urlEqualTo(INCIDENTS + "/" + STATUSPAGE_INCIDENT))
        .willReturn(aResponse().withStatus(502).withBody("Bad gateway")));
    assertThatThrownBy(() -> statusPage.resolve(incidents.get(incident.key()), null))
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessage("Statuspage answered HTTP 502 to PATCH /statuspage/v1/pages/pg1/incidents/sp-inc-1: Bad gateway");
  }
}
