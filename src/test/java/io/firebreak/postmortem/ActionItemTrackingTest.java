package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentTables;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.postmortem.ActionItems.ActionItem;
import io.firebreak.postmortem.ActionItems.AgreedActionItem;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An action item is done once, however it is done, and says so on the incident's timeline; no Spring, no engine. */
class ActionItemTrackingTest {

  private final IncidentTables tables = new IncidentTables();
  private final IncidentRepository incidents = tables.incidents();
  private final ActionItems actionItems = new ActionItems(tables.jdbc());
  private final ActionItemTracking tracking = new ActionItemTracking(actionItems, incidents);
  private String key;
  private long first;
  private long second;

  @BeforeEach
  void twoAgreedActionItems() {
    key = tables.recordIncident("Checkout down", Severity.SEV2, true);
    new PostmortemArchive(tables.jdbc(), tables.dataSource()).begin(key, "Checkout down", "SEV2");
    actionItems.agree(key, List.of(
        new AgreedActionItem("Alert on config drift", null, "dora", true, true, LocalDate.of(2026, 12, 31)),
        new AgreedActionItem("Runbook", null, "carla", false, false, null)));
    List<ActionItem> items = actionItems.list(key);
    first = items.get(0).id();
    second = items.get(1).id();
  }

  @Test
  void doneByItsOwnerOnceWhicheverWayComesFirst() {
    assertThat(tracking.doneByOwner(first, "dora")).isTrue();
    assertThat(tracking.doneInJira(first, "OPS-1", "Dora D.")).isFalse();
    assertThat(tracking.doneByOwner(first, "dora")).isFalse();

    ActionItem done = actionItems.get(first);
    assertThat(done.done()).isTrue();
    assertThat(done.doneBy()).isEqualTo("dora");
    assertThat(entries()).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo("dora");
      assertThat(entry.message()).isEqualTo("Action item done: Alert on config drift");
    });
  }

  @Test
  void doneInJiraSaysWhereAndByWhom() {
    assertThat(tracking.doneInJira(second, "OPS-2", null)).isTrue();
    assertThat(tracking.doneByOwner(second, "carla")).isFalse();

    assertThat(actionItems.get(second).doneBy()).isEqualTo(ActionItemTracking.DONE_IN_JIRA);
    assertThat(entries()).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isNull();
      assertThat(entry.message()).isEqualTo("Action item done: Runbook (OPS-2 is done in Jira)");
    });
    assertThat(actionItems.get(first).done()).isFalse();
  }

  @Test
  void anOverdueItemIsEscalatedToTheIncidentManager() {
    tracking.overdue(first, "ivan");

    assertThat(entries()).singleElement().extracting(TimelineEntry::message).isEqualTo("Action item \"Alert on config"
        + " drift\" owned by dora is past its deadline of 2026-12-31; escalated to ivan");
  }

  private List<TimelineEntry> entries() {
    return incidents.timeline(key).stream().filter(entry -> entry.type() == TimelineEntryType.POSTMORTEM).toList();
  }
}
