package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.IncidentScenarios;
import io.firebreak.ProcessAssertions;
import io.firebreak.postmortem.PostmortemProcess;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code postmortem-policy.dmn} as deployed: which resolved incidents get a postmortem, and which close at once. */
class PostmortemPolicyTest extends IncidentScenarios {

  @Test
  void aSev4ClosesAtResolutionWithoutAPostmortem() {
    Incident incident = resolve("Typo on the pricing page", Severity.SEV4, false);
    assertThat(postmortems(incident)).isZero();
    assertThat(incidents.get(incident.key()).stage()).isEqualTo(Stage.CLOSED);
    ProcessAssertions.assertThat(endedInstance(incident.processInstanceId())).isEnded()
        .hasPassed(IncidentProcess.Elements.DECIDE_POSTMORTEM, IncidentProcess.Elements.CLOSE_INCIDENT)
        .hasNotPassed(IncidentProcess.Elements.START_POSTMORTEM);
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::message)
        .contains("No postmortem by the postmortem policy; the incident closes");
  }

  @Test
  void aSev3HasAPostmortemOnlyWhenTheIncidentManagerAsksForOne() {
    Incident without = resolve("Search results stale", Severity.SEV3, false);
    assertThat(postmortems(without)).isZero();
    assertThat(incidents.get(without.key()).stage()).isEqualTo(Stage.CLOSED);

    Incident with = resolve("Search results stale again", Severity.SEV3, true);
    assertThat(postmortems(with)).isEqualTo(1);
    assertThat(incidents.get(with.key()).stage()).isEqualTo(Stage.IMPROVE);
    assertThat(incidents.timeline(with.key())).extracting(TimelineEntry::message)
        .contains("Postmortem held: the Incident Manager asked for one (optional by the postmortem policy)");
  }

  @Test
  void aSev2HasAPostmortemWhateverTheIncidentManagerTicks() {
    Incident incident = resolve("Checkout slow", Severity.SEV2, false);
    assertThat(postmortems(incident)).isEqualTo(1);
    assertThat(incidents.get(incident.key()).stage()).isEqualTo(Stage.IMPROVE);
  }

  /** Declared, staffed, one fix round ready to resolve, Confirm resolution with "Hold a postmortem" as given. */
  private Incident resolve(String title, Severity severity, boolean postmortemWanted) {
    Incident incident = declareAndStaff(title, severity);
    String pi = incident.processInstanceId();
    runJobs(pi);
    leadTheFix(pi, "ivan", "monitoring", "Recovered", null, true);
    runJobs(pi);
    Map<String, Object> confirmed = new HashMap<>(resolution("Fixed it", Impact.MINOR));
    confirmed.put(IncidentProcess.Variables.POSTMORTEM_WANTED, postmortemWanted);
    complete(pi, IncidentProcess.Elements.CONFIRM_RESOLUTION, "ivan", confirmed);
    runJobs(pi);
    assertThat(postmortems(incident)).as("nothing decided within the reopen window").isZero();
    passReopenWindow(pi);
    return incidents.get(incident.key());
  }

  private long postmortems(Incident incident) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PostmortemProcess.KEY)
        .processInstanceBusinessKey(incident.key()).count();
  }
}
