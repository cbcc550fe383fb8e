package io.firebreak.integration.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository.LinkKind;
import io.firebreak.incident.Severity;
import io.firebreak.integration.ChannelNames;
import io.firebreak.integration.ConnectedFirebreakTest;
import io.firebreak.postmortem.FollowUp;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.RateLimited;
import io.firebreak.incident.Ticketing;
import io.firebreak.postmortem.FollowUps;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JiraTicketingTest extends ConnectedFirebreakTest {

  private static final String BASIC = "Basic "
      + Base64.getEncoder().encodeToString((JIRA_EMAIL + ":" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));

  @Autowired
  Ticketing ticketing;
  @Autowired
  FollowUps followUps;

  @Test
  void theIncidentTicketDescribesTheIncidentInAdfAndLinksWhatIsOpen() {
    Incident incident = declare("Uploads fail", Severity.SEV2, "frida");
    incidents.link(incident.key(), LinkKind.CHAT_CHANNEL, new ExternalLink(CHANNEL, "https://acme.slack.com/archives/C0INC"));
    incident = incidents.get(incident.key());

    ExternalLink ticket = ticketing.createTicket(incident).orElseThrow();

    assertThat(ticket).isEqualTo(new ExternalLink(TICKET, vendors.baseUrl() + "/jira/browse/" + TICKET));
    String label = incident.key().toLowerCase();
    vendors.verify(postRequestedFor(urlEqualTo("/jira/rest/api/3/issue"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson("""
            {"fields": {
              "project": {"key": "OPS"}, "issuetype": {"name": "Task"},
              "summary": "%1$s: Uploads fail",
              "description": {"type": "doc", "version": 1, "content": [
                {"type": "paragraph", "content": [{"type": "text",
                  "text": "SEV2, customer impact major, product Intranet, environment prod/us1"}]},
                {"type": "paragraph", "content": [{"type": "text", "text": "Uploads fail with HTTP 500"}]},
                {"type": "paragraph", "content": [{"type": "text", "text": "Incident channel: "},
                  {"type": "text", "text": "#%2$s", "marks": [{"type": "link", "attrs": {"href": "https://acme.slack.com/archives/C0INC"}}]}]},
                {"type": "paragraph", "content": [{"type": "text",
                  "text": "Opened by Firebreak for %1$s. It closes this ticket when the postmortem is published."}]}]},
              "labels": ["firebreak", "%3$s"]}}
            """.formatted(incident.key(), ChannelNames.of(incident), label))));

    incidents.link(incident.key(), LinkKind.TICKET, ticket);
    incidents.link(incident.key(), LinkKind.BRIDGE, new ExternalLink("fbevent", MEET));
    ticketing.linkTicket(incidents.get(incident.key()));
    ticketing.linkTicket(incidents.get(incident.key()));

    var remoteLinks = requestsTo("/jira/rest/api/3/issue/" + TICKET + "/remotelink");
    assertThat(remoteLinks).hasSize(4);
    vendors.verify(2, postRequestedFor(urlEqualTo("/jira/rest/api/3/issue/" + TICKET + "/remotelink"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson("""
            {"globalId": "firebreak:%s:bridge", "application": {"name": "Firebreak"},
             "object": {"url": "%s", "title": "War room call: Google Meet"}}
            """.formatted(incident.key(), MEET))));
    vendors.verify(2, postRequestedFor(urlEqualTo("/jira/rest/api/3/issue/" + TICKET + "/remotelink"))
        .withRequestBody(equalToJson("{\"globalId\": \"firebreak:" + incident.key() + ":chat\"}", true, true)));
  }

  @Test
  void closingTransitionsTheTicketByTheNameOfItsTransition() {
    Incident incident = withTicket("Search down");

    ticketing.closeTicket(incident);

    vendors.verify(postRequestedFor(urlEqualTo("/jira/rest/api/3/issue/" + TICKET + "/transitions"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson("{\"transition\": {\"id\": \"31\"}}")));
  }

  @Test
  void aTicketThatIsDoneAlreadyStaysDone() {
    Incident incident = withTicket("Search down again");
    vendors.stubFor(get("/jira/rest/api/3/issue/" + TICKET + "/transitions")
        .willReturn(okJson("{\"transitions\":[{\"id\":\"11\",\"name\":\"Reopen\"}]}")));
    vendors.stubFor(get(urlPathEqualTo("/jira/rest/api/3/issue/" + TICKET)).willReturn(okJson(
        "{\"key\":\"OPS-101\",\"fields\":{\"status\":{\"name\":\"Done\",\"statusCategory\":{\"key\":\"done\"}}}}")));

    ticketing.closeTicket(incident);

    assertThat(requestsTo("/jira/rest/api/3/issue/" + TICKET + "/transitions"))
        .allSatisfy(r -> assertThat(r.getMethod().getName()).isEqualTo("GET"));
  }

  @Test
  void aWorkflowWithoutTheTransitionSaysWhichItOffers() {
    Incident incident = withTicket("Search down once more");
    vendors.stubFor(get("/jira/rest/api/3/issue/" + TICKET + "/transitions")
        .willReturn(okJson("{\"transitions\":[{\"id\":\"41\",\"name\":\"Close\"},{\"id\":\"51\",\"name\":\"Won't do\"}]}")));
    vendors.stubFor(get(urlPathEqualTo("/jira/rest/api/3/issue/" + TICKET)).willReturn(okJson(
        "{\"key\":\"OPS-101\",\"fields\":{\"status\":{\"name\":\"Open\",\"statusCategory\":{\"key\":\"new\"}}}}")));

    assertThatThrownBy(() -> ticketing.closeTicket(incident))
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessage("Jira offers no transition named 'Done' for OPS-101 (it offers: Close, Won't do); "
            + "set FIREBREAK_JIRA_DONE_TRANSITION");
  }

  @Test
  void aFollowUpIsAssignedToItsOwnerAndRelatesToTheIncidentTicket() {
    Incident incident = withTicket("Queue backlog");
    vendors.stubFor(get(urlPathEqualTo("/jira/rest/api/3/user/search")).withQueryParam("query", equalTo("dora@firebreak.example"))
        .willReturn(okJson("[{\"accountId\":\"acc-dora\",\"displayName\":\"Dora\"}]")));
    vendors.stubFor(post("/jira/rest/api/3/issue").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"10002\",\"key\":\"OPS-102\"}")));

    ExternalLink followUp = followUps.createFollowUp(incident, new FollowUp("Alert on queue age",
        "Page when the oldest message is older than 5 minutes", "dora@firebreak.example", true, true,
        LocalDate.of(2026, 12, 31))).orElseThrow();
    followUps.relateFollowUp(incident, followUp);

    assertThat(followUp.id()).isEqualTo("OPS-102");
    vendors.verify(postRequestedFor(urlEqualTo("/jira/rest/api/3/issue")).withRequestBody(equalToJson("""
        {"fields": {"project": {"key": "OPS"}, "issuetype": {"name": "Task"}, "summary": "Alert on queue age",
          "description": {"type": "doc", "version": 1, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "Page when the oldest message is older than 5 minutes"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Follow-up of %1$s: Queue backlog. Important. Urgent"}]}]},
          "labels": ["firebreak", "%2$s"], "duedate": "2026-12-31", "assignee": {"accountId": "acc-dora"}}}
        """.formatted(incident.key(), incident.key().toLowerCase()))));
    vendors.verify(postRequestedFor(urlEqualTo("/jira/rest/api/3/issueLink"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson("""
            {"type": {"name": "Relates"}, "inwardIssue": {"key": "OPS-102"}, "outwardIssue": {"key": "OPS-101"}}
            """)));
  }

  @Test
  void refusedCredentialsRateLimitsAndServerErrorsFailTheStep() {
    Incident incident = declare("Billing export broken", Severity.SEV3, "frida");
    vendors.stubFor(post("/jira/rest/api/3/issue").willReturn(aResponse().withStatus(401)
        .withBody("Client must be authenticated to access this resource.")));
    assertThatThrownBy(() -> ticketing.createTicket(incident))
        .hasMessage("Jira refused the credentials for POST /jira/rest/api/3/issue (HTTP 401): "
            + "Client must be authenticated to access this resource.");

    vendors.stubFor(post("/jira/rest/api/3/issue").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
    assertThatThrownBy(() -> ticketing.createTicket(incident)).isInstanceOf(RateLimited.class);

    vendors.stubFor(post("/jira/rest/api/3/issue").willReturn(aResponse().withStatus(500)
        .withBody("{\"errorMessages\":[\"Internal server error\"]}")));
    assertThatThrownBy(() -> ticketing.createTicket(incident))
        .hasMessage("Jira answered HTTP 500 to POST /jira/rest/api/3/issue: {\"errorMessages\":[\"Internal server error\"]}");
  }

  private Incident withTicket(String title) {
    Incident incident = declare(title, Severity.SEV3, "frida");
    incidents.link(incident.key(), LinkKind.TICKET, new ExternalLink(TICKET, vendors.baseUrl() + "/jira/browse/" + TICKET));
    return incidents.get(incident.key());
  }
}
