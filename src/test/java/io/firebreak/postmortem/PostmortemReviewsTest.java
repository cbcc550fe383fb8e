package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentTables;
import io.firebreak.incident.RejectedInput;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.postmortem.PostmortemMeetings.MeetingOutcome;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reviewing and revising the postmortem: the real records on H2 with Flyway, no Spring, no engine. */
class PostmortemReviewsTest {

  private final IncidentTables tables = new IncidentTables();
  private final IncidentRepository incidents = tables.incidents();
  private final PostmortemRecords records = new PostmortemRecords(tables.jdbc());
  private final PostmortemReviews reviews = new PostmortemReviews(records, incidents);
  private String key;

  @BeforeEach
  void aPostmortemInReview() {
    key = tables.recordIncident("Checkout down", Severity.SEV2, true);
    new PostmortemArchive(tables.jdbc(), tables.dataSource()).begin(key, "Checkout down", "SEV2");
    records.holdMeeting(key, "Summary", "Impact", "Causes", tables.incidents().get(key).openedAt());
  }

  @Test
  void aPostmortemSentBackSaysWhatToChangeAndTheRevisionSeesIt() {
    assertThatThrownBy(() -> reviews.review(key, "lea", false, " "))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("Say what to change when sending the postmortem back (form field 'reviewComments')");
    assertThat(entries()).isEmpty();

    reviews.review(key, "lea", false, " Name the config change ");

    assertThat(reviews.sentBackBecause(records.get(key))).isEqualTo("Name the config change");
    assertThat(entries()).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo("lea");
      assertThat(entry.message()).isEqualTo("Postmortem sent back for revision: Name the config change");
    });
  }

  @Test
  void anApprovalMayComeWithoutComments() {
    reviews.review(key, "lea", true, null);

    assertThat(entries()).extracting(TimelineEntry::message).containsExactly("Postmortem approved");
    assertThat(records.get(key).reviewComments()).isNull();
  }

  @Test
  void aRevisionNeedsEveryTextAsTheMeetingDidAndClearsTheComments() {
    reviews.review(key, "lea", false, "Name the config change");

    assertThatThrownBy(() -> reviews.revise(key, "ivan", new MeetingOutcome("New summary", "Impact", null)))
        .isInstanceOf(RejectedInput.class).hasMessage("Root causes is required (form field 'rootCauses')");
    assertThat(records.get(key).summary()).isEqualTo("Summary");

    reviews.revise(key, "ivan", new MeetingOutcome(" New summary ", "Impact", "The config change of 10:02"));

    assertThat(records.get(key).summary()).isEqualTo("New summary");
    assertThat(records.get(key).rootCauses()).isEqualTo("The config change of 10:02");
    assertThat(records.get(key).reviewComments()).isNull();
    assertThat(entries()).extracting(TimelineEntry::message).last().isEqualTo("Postmortem revised");
  }

  @Test
  void aClosedPullRequestSaysWhetherItWasMergedAndByWhom() {
    reviews.pullRequestClosed(key, 12, false, "ivan");
    reviews.pullRequestClosed(key, 13, true, "lea");
    reviews.pullRequestClosed(key, 14, true, null);

    assertThat(entries()).extracting(TimelineEntry::message).containsExactly(
        "Postmortem pull request #12 closed without merging; back to the Incident Manager",
        "Postmortem pull request #13 merged by lea", "Postmortem pull request #14 merged");
    assertThat(reviews.sentBackBecause(records.get(key))).startsWith("The pull request ")
        .endsWith(" was closed without merging; see its comments.");
  }

  private List<TimelineEntry> entries() {
    return incidents.timeline(key).stream().filter(entry -> entry.type() == TimelineEntryType.POSTMORTEM).toList();
  }
}
