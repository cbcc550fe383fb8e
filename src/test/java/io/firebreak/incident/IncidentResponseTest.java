package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.ArrayList;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The incident's rules without Spring or the process engine: the real repository over H2 migrated by Flyway, the
 * real {@code communication.dmn}; only the identity service is a set of user ids.
 */
class IncidentResponseTest {

  private final IncidentTables tables = new IncidentTables();
  private final IncidentRepository incidents = tables.incidents();
  /** What the rules publish, for the modules that follow them (metrics count IncidentResolved, for one). */
  private final List<Object> published = new ArrayList<>();
  private final IncidentTeam team = new IncidentTeam(incidents,
      Set.of("frida", "ivan", "dan", "carla", "dora")::contains);
  private final IncidentResponse response = new IncidentResponse(incidents, team,
      IncidentTables.communicationDecision(), published::add);

  @Test
  void aChangeOfSeverityOrImpactIsOnTheTimelineOnceAndNoChangeWritesNothing() {
    String key = tables.recordIncident("Checkout slow", Severity.SEV3, false);

    response.changeSeverity(key, Severity.SEV3, null, "ivan");
    assertThat(entries(key, TimelineEntryType.SEVERITY_CHANGED)).isEmpty();

    Incident before = response.changeSeverity(key, Severity.SEV2, Impact.MAJOR, "ivan");

    assertThat(before.severity()).isEqualTo(Severity.SEV3);
    Incident after = incidents.get(key);
    assertThat(after.severity()).isEqualTo(Severity.SEV2);
    assertThat(after.impact()).isEqualTo(Impact.MAJOR);
    assertThat(entries(key, TimelineEntryType.SEVERITY_CHANGED)).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo("ivan");
      assertThat(entry.message()).isEqualTo("Severity SEV3 → SEV2, customer impact minor → major");
    });
  }

  @Test
  void confirmingTheResolutionWithAnotherImpactWritesTheSameEntryAsLeadTheFix() {
    String key = tables.recordIncident("Checkout slow", Severity.SEV2, false);

    Incident resolved = response.resolve(key, "ivan", "  Rolled back the release ", Impact.MINOR);

    assertThat(resolved.impact()).isEqualTo(Impact.MINOR);
    assertThat(resolved.resolutionSummary()).isEqualTo("Rolled back the release");
    assertThat(resolved.resolvedAt()).isNotNull();
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::type)
        .containsSubsequence(TimelineEntryType.SEVERITY_CHANGED, TimelineEntryType.RESOLVED);
    assertThat(entries(key, TimelineEntryType.SEVERITY_CHANGED)).singleElement()
        .extracting(TimelineEntry::message).isEqualTo("Severity SEV2 → SEV2, customer impact major → minor");
    assertThat(entries(key, TimelineEntryType.RESOLVED)).singleElement()
        .extracting(TimelineEntry::message).isEqualTo("Resolved: Rolled back the release");
    assertThat(published).containsExactly(
        new IncidentResolved(key, Severity.SEV2, resolved.openedAt(), resolved.resolvedAt(), 0));
  }

  @Test
  void aResolvedIncidentReopensIntoTheFixOnceAndItsNextResolutionCountsTheReopening() {
    String key = tables.recordIncident("Checkout slow", Severity.SEV2, false);
    assertThat(response.reopen(key, "alertmanager alert \"Checkout latency\"", "{}"))
        .as("an incident in the Fix is not reopened").isFalse();
    Incident first = response.resolve(key, "ivan", "Rolled back the release", null);
    published.clear();

    assertThat(response.reopen(key, "alertmanager alert \"Checkout latency\"", "{\"status\":\"firing\"}")).isTrue();
    assertThat(response.reopen(key, "alertmanager alert \"Checkout latency\"", "{}"))
        .as("reopened already").isFalse();

    Incident reopened = incidents.get(key);
    assertThat(reopened.stage()).isEqualTo(Stage.FIX);
    assertThat(reopened.status()).isEqualTo(Status.INVESTIGATING);
    assertThat(reopened.resolvedAt()).as("no longer resolved").isNull();
    assertThat(reopened.reopenedAt()).isNotNull();
    assertThat(reopened.reopenings()).isEqualTo(1);
    assertThat(entries(key, TimelineEntryType.REOPENED)).singleElement().satisfies(entry -> {
      assertThat(entry.message()).isEqualTo("Reopened by alertmanager alert \"Checkout latency\" within the reopen "
          + "window after its resolution: back into the Fix");
      assertThat(entry.details()).isEqualTo("{\"status\":\"firing\"}");
    });
    assertThat(published).containsExactly(new IncidentReopened(key, Severity.SEV2, reopened.reopenedAt(), 1));

    Incident again = response.resolve(key, "ivan", "Rolled back the database migration too", null);
    assertThat(again.stage()).isEqualTo(Stage.RESOLVED);
    assertThat(again.resolvedAt()).isAfterOrEqualTo(first.resolvedAt());
    assertThat(published).last().isEqualTo(
        new IncidentResolved(key, Severity.SEV2, again.openedAt(), again.resolvedAt(), 1));
  }

  @Test
  void aResolutionKeepsTheImpactWhenNoneIsGivenAndNeedsASummary() {
    String key = tables.recordIncident("Checkout slow", Severity.SEV2, false);

    assertThatThrownBy(() -> response.resolve(key, "ivan", " ", null))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("Resolution summary is required (form field 'resolutionSummary')");
    assertThat(incidents.get(key).resolvedAt()).isNull();

    response.resolve(key, "ivan", "Fixed", null);
    assertThat(incidents.get(key).impact()).isEqualTo(Impact.MAJOR);
    assertThat(entries(key, TimelineEntryType.SEVERITY_CHANGED)).isEmpty();
  }

  @Test
  void whoTakesChargeFirstIsFirstResponderTooAndAcknowledgesTheIncidentOnce() {
    String key = tables.recordIncident("Queue backlog", Severity.SEV3, false);

    Incident taken = response.takeCharge(key, "ivan");

    assertThat(taken.roles().firstResponder()).isEqualTo("ivan");
    assertThat(taken.roles().incidentManager()).isEqualTo("ivan");
    assertThat(taken.acknowledgedAt()).isNotNull();
    assertThat(published).containsExactly(
        new IncidentAcknowledged(key, Severity.SEV3, taken.openedAt(), taken.acknowledgedAt()));

    Incident again = response.takeCharge(key, "dan");
    assertThat(again.roles().firstResponder()).isEqualTo("ivan");
    assertThat(again.roles().incidentManager()).isEqualTo("dan");
    assertThat(again.acknowledgedAt()).isEqualTo(taken.acknowledgedAt());
    assertThat(published).as("acknowledged once").hasSize(1);
  }

  @Test
  void appointingRolesNeedsACommunicationsManagerAndADomainExpertFirebreakKnows() {
    String key = tables.recordIncident("Queue backlog", Severity.SEV3, false);

    assertThatThrownBy(() -> response.appointRoles(key, "ivan", null, List.of("dora")))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("Communications Manager is required (form field 'communicationsManager')");
    assertThatThrownBy(() -> response.appointRoles(key, "ivan", "carla", List.of()))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("at least one Domain Expert is required (form field 'domainExperts')");
    assertThatThrownBy(() -> response.appointRoles(key, "ivan", "carla", List.of("mallory")))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("unknown user 'mallory' for role Domain Experts");

    response.appointRoles(key, "ivan", "carla", List.of("dora", "dan"));

    Incident.Roles roles = incidents.get(key).roles();
    assertThat(roles.communicationsManager()).isEqualTo("carla");
    assertThat(roles.domainExperts()).containsExactlyInAnyOrder("dora", "dan");
  }

  @Test
  void aFixRoundNeedsAnOpenStatusAndAnUpdate() {
    String key = tables.recordIncident("Queue backlog", Severity.SEV3, false);

    assertThatThrownBy(() -> response.recordFixRound(round(key, Status.RESOLVED, "done", null, null)))
        .isInstanceOf(RejectedInput.class)
        .hasMessageContaining("resolve with 'Ready to resolve'");
    assertThatThrownBy(() -> response.recordFixRound(round(key, null, "done", null, null)))
        .isInstanceOf(RejectedInput.class)
        .hasMessageContaining("(form field 'status')");
    assertThatThrownBy(() -> response.recordFixRound(round(key, Status.IDENTIFIED, "  ", null, null)))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("Status update is required (form field 'statusUpdate')");
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::type)
        .doesNotContain(TimelineEntryType.STATUS_UPDATE, TimelineEntryType.SEVERITY_CHANGED);
  }

  @Test
  void aFixRoundRecordsTheUpdateTheSeverityAndTheRoleChangesInThatOrder() {
    String key = tables.recordIncident("Queue backlog", Severity.SEV3, false);
    response.takeCharge(key, "ivan");
    response.appointRoles(key, "ivan", "carla", List.of("dora"));

    IncidentResponse.FixRoundRecorded recorded = response.recordFixRound(new IncidentResponse.FixRound(key, "ivan",
        Status.IDENTIFIED, " Bad config pushed ", null, Impact.MAJOR, "dan", null, List.of("dora", "frida"), null));

    assertThat(recorded.severity()).isEqualTo(Severity.SEV3);
    assertThat(recorded.impact()).isEqualTo(Impact.MAJOR);
    assertThat(recorded.statusUpdate()).isEqualTo("Bad config pushed");
    assertThat(recorded.severityRaised()).isFalse();
    assertThat(recorded.draftedExternalUpdate()).isNull();
    assertThat(recorded.roleChanges())
        .isEqualTo("Incident Manager: ivan → dan; Domain Experts: dora → dora, frida");
    assertThat(recorded.domainExpertsChanged()).isTrue();
    Incident incident = incidents.get(key);
    assertThat(incident.status()).isEqualTo(Status.IDENTIFIED);
    assertThat(incident.lastStatusUpdate()).isEqualTo("Bad config pushed");
    List<TimelineEntry> timeline = incidents.timeline(key);
    assertThat(timeline.subList(timeline.size() - 4, timeline.size())).extracting(TimelineEntry::type)
        .containsExactly(TimelineEntryType.SEVERITY_CHANGED, TimelineEntryType.ROLE_CHANGED,
            TimelineEntryType.ROLE_CHANGED, TimelineEntryType.STATUS_UPDATE);
    assertThat(timeline.get(timeline.size() - 1).message()).isEqualTo("identified: Bad config pushed");
  }

  @Test
  void aRaiseWhereTheDecisionExpectsAStatusPageDraftsAnInvestigatingUpdateUnlessOneIsDrafted() {
    String key = tables.recordIncident("Checkout down", Severity.SEV3, true);

    IncidentResponse.FixRoundRecorded raised = response.recordFixRound(round(key, Status.INVESTIGATING, "Looking",
        Severity.SEV1, null));

    assertThat(raised.severityRaised()).isTrue();
    assertThat(raised.draftedExternalUpdate()).isEqualTo("Investigating: we are investigating Checkout down."
        + " We will post an update as soon as we know more.");
    assertThat(entries(key, TimelineEntryType.EXTERNAL_UPDATE)).singleElement().extracting(TimelineEntry::message)
        .asString().startsWith("Severity raised to SEV1: a status page is expected");

    String drafted = tables.recordIncident("Search down", Severity.SEV3, true);
    IncidentResponse.FixRoundRecorded own = response.recordFixRound(new IncidentResponse.FixRound(drafted, "ivan",
        Status.INVESTIGATING, "Looking", Severity.SEV1, null, null, null, List.of(), "Our own words"));
    assertThat(own.severityRaised()).isTrue();
    assertThat(own.draftedExternalUpdate()).isNull();
    assertThat(entries(drafted, TimelineEntryType.EXTERNAL_UPDATE)).isEmpty();

    IncidentResponse.FixRoundRecorded lowered = response.recordFixRound(round(key, Status.MONITORING, "Better",
        Severity.SEV2, null));
    assertThat(lowered.severityRaised()).isFalse();
    assertThat(lowered.draftedExternalUpdate()).isNull();
  }

  @Test
  void anExternalUpdateNeedsItsTextAndStatus() {
    String key = tables.recordIncident("Checkout down", Severity.SEV2, true);

    assertThatThrownBy(() -> response.approveExternalUpdate(key, "carla", "", Status.INVESTIGATING))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("External update is required (form field 'externalUpdate')");
    assertThatThrownBy(() -> response.approveExternalUpdate(key, "carla", "We are on it", null))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("Status is required (form field 'updateStatus')");

    response.approveExternalUpdate(key, "carla", "We are on it ", Status.INVESTIGATING);
    assertThat(entries(key, TimelineEntryType.EXTERNAL_UPDATE)).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo("carla");
      assertThat(entry.message()).isEqualTo("External update approved (investigating): We are on it");
    });
  }

  private static IncidentResponse.FixRound round(String key, Status status, String update, Severity severity,
                                                 Impact impact) {
    return new IncidentResponse.FixRound(key, "ivan", status, update, severity, impact, null, null, List.of(), null);
  }

  private List<TimelineEntry> entries(String key, TimelineEntryType type) {
    return incidents.timeline(key).stream().filter(entry -> entry.type() == type).toList();
  }
}
