package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of timeline notes without Spring or the engine: the real repository over H2, the channel a list. */
class IncidentNotesTest {

  private final IncidentTables tables = new IncidentTables();
  private final IncidentRepository incidents = tables.incidents();
  private final List<String> posted = new ArrayList<>();
  private final IncidentNotes notes = new IncidentNotes(incidents,
      (key, author, text) -> posted.add(key + " " + author + ": " + text));

  @Test
  void aNoteIsTrimmedOnTheTimelineWithItsAuthorAndGoesToTheChannel() {
    String key = tables.recordIncident("Checkout slow", Severity.SEV2, false);

    TimelineEntry entry = notes.add(key, "frida", List.of("first-responders"), "  Rolled back 1.4.2\n ");

    assertThat(entry.type()).isEqualTo(TimelineEntryType.NOTE);
    assertThat(entry.actor()).isEqualTo("frida");
    assertThat(entry.message()).isEqualTo("Rolled back 1.4.2");
    assertThat(entry.occurredAt()).isBeforeOrEqualTo(OffsetDateTime.now());
    assertThat(incidents.timeline(key)).filteredOn(e -> e.type() == TimelineEntryType.NOTE).singleElement()
        .satisfies(saved -> {
          assertThat(saved.id()).isEqualTo(entry.id());
          assertThat(saved.actor()).isEqualTo("frida");
          assertThat(saved.message()).isEqualTo("Rolled back 1.4.2");
        });
    assertThat(posted).containsExactly(key + " frida: Rolled back 1.4.2");
  }

  @Test
  void aBlankOrTooLongNoteIsRefusedAndNothingIsWrittenOrPosted() {
    String key = tables.recordIncident("Checkout slow", Severity.SEV2, false);

    assertThatThrownBy(() -> notes.add(key, "frida", List.of("first-responders"), " \n\t"))
        .isInstanceOf(RejectedInput.class).hasMessageContaining("field 'text'");
    assertThatThrownBy(() -> notes.add(key, "frida", List.of("first-responders"), null))
        .isInstanceOf(RejectedInput.class);
    assertThatThrownBy(() -> notes.add(key, "frida", List.of("first-responders"), "x".repeat(IncidentLimits.NOTE + 1)))
        .isInstanceOf(RejectedInput.class).hasMessageContaining("at most " + IncidentLimits.NOTE);
    notes.add(key, "frida", List.of("first-responders"), "x".repeat(IncidentLimits.NOTE));

    assertThat(incidents.timeline(key)).filteredOn(e -> e.type() == TimelineEntryType.NOTE).hasSize(1);
    assertThat(posted).hasSize(1);
  }

  @Test
  void roleHoldersAndTheActingGroupsAddNotesViewersAndOthersDoNot() {
    String key = tables.recordIncident("Checkout slow", Severity.SEV2, false);
    incidents.assignRole(key, Role.DOMAIN_EXPERT, List.of("dora"), OffsetDateTime.now());

    notes.add(key, "dora", List.of("domain-experts"), "The cache is cold");
    notes.add(key, "ivan", List.of("incident-managers"), "Taking a look");

    for (String[] reader : new String[][] {{"vera", "incident-viewers"}, {"carla", "communications-managers"}}) {
      assertThatThrownBy(() -> notes.add(key, reader[0], List.of(reader[1]), "Let me in"))
          .isInstanceOf(IncidentActionForbiddenException.class)
          .hasMessageContaining("first-responders").hasMessageContaining("incident-managers");
    }
    assertThat(notes.mayAdd(incidents.get(key), "vera", List.of("incident-viewers"))).isFalse();
    assertThat(notes.mayAdd(incidents.get(key), "frida", List.of("first-responders"))).isTrue();
    assertThat(incidents.timeline(key)).filteredOn(e -> e.type() == TimelineEntryType.NOTE)
        .extracting(TimelineEntry::actor).containsExactly("dora", "ivan");
  }
}
