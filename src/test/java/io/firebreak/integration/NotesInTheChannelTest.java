package io.firebreak.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.firebreak.Http;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository.LinkKind;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntryType;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/** A note added through the API reaches the incident's Slack channel later, by a retried step; an outage loses nothing. */
class NotesInTheChannelTest extends ConnectedFirebreakTest {

  @Test
  void aNoteIsPostedInTheChannelByItsOwnStepWithTheAuthorMentionedAndItsTextEscaped() {
    Incident incident = withChannel("Payments time out");

    Http.Response added = Http.to(port).as("frida")
        .postJson("/api/incidents/" + incident.key() + "/notes", "{\"text\": \"Rolled back <1.4.2> & <!channel>\"}");

    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(requestsTo("/slack/api/chat.postMessage")).as("nothing posted before the step runs").isEmpty();
    engine.getManagementService().executeJob(noteJob(incident).getId());
    List<LoggedRequest> posts = requestsTo("/slack/api/chat.postMessage");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).getHeader("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
    assertThat(posts.get(0).formParameter("channel").firstValue()).isEqualTo(CHANNEL);
    assertThat(posts.get(0).formParameter("text").firstValue()).isEqualTo(":memo: *Note* from <@" + slackUser("frida")
        + ">:\nRolled back &lt;1.4.2&gt; &amp; &lt;!channel&gt;");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.NOTE_KEY).processInstanceBusinessKey(incident.key()).count()).isZero();
  }

  @Test
  void whileSlackIsDownTheNoteStaysOnTheTimelineAndItsStepIsRetriedThenACockpitIncident() {
    Incident incident = withChannel("Search is slow");
    vendors.stubFor(post("/slack/api/chat.postMessage").willReturn(aResponse().withStatus(500).withBody("slack is down")));

    Http.Response added = Http.to(port).as("frida")
        .postJson("/api/incidents/" + incident.key() + "/notes", "{\"text\": \"Cache flushed\"}");

    assertThat(added.status()).isEqualTo(201);
    Job job = noteJob(incident);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("Slack answered HTTP 500 to chat.postMessage");
    assertThat(noteJob(incident).getRetries()).as("retried by the shared cycle").isGreaterThan(0);
    engine.getManagementService().setJobRetries(job.getId(), 1);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()));
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(noteJob(incident).getProcessInstanceId())
        .list()).as("a Cockpit incident").hasSize(1);
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.NOTE)
        .singleElement().satisfies(note -> assertThat(note.message()).isEqualTo("Cache flushed"));
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.STEP_FAILING)
        .isNotEmpty();
  }

  private Incident withChannel(String title) {
    Incident incident = declare(title, Severity.SEV2, "frida");
    incidents.link(incident.key(), LinkKind.CHAT_CHANNEL,
        new ExternalLink(CHANNEL, "https://acme.slack.com/archives/" + CHANNEL));
    return incidents.get(incident.key());
  }

  private Job noteJob(Incident incident) {
    var note = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(IncidentProcess.NOTE_KEY)
        .processInstanceBusinessKey(incident.key()).singleResult();
    return engine.getManagementService().createJobQuery().processInstanceId(note.getId())
        .activityId(IncidentProcess.Elements.POST_NOTE).singleResult();
  }
}
