package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.incident.Impact;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Severity;
import io.firebreak.postmortem.ActionItems.ActionItem;
import io.firebreak.postmortem.ActionItems.AgreedActionItem;
import io.firebreak.postmortem.PostmortemArchive.PublishedPostmortem;
import io.firebreak.postmortem.PostmortemRecords.Preparation;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the postmortem keeps, on the real database (the tests' H2, or PostgreSQL with the postgres profile) without
 * the engine: the meeting and its preparations, the action items, the archive. Rolled back after each test.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({IncidentRepository.class, PostmortemRecords.class, ActionItems.class, PostmortemArchive.class})
class PostmortemRepositoriesTest {

  private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 2, 14, 0, 0, 0, ZoneOffset.UTC);

  @Autowired
  IncidentRepository incidents;
  @Autowired
  PostmortemRecords records;
  @Autowired
  ActionItems actionItems;
  @Autowired
  PostmortemArchive archive;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactionManager;

  private String key;

  @BeforeEach
  void anIncidentWithItsPostmortemBegun() {
    long number = jdbc.sql("SELECT COALESCE(MAX(incident_number), 0) FROM incident").query(Long.class).single() + 1;
    key = "INC-" + number;
    incidents.insert(new IncidentRepository.NewIncident(key, "Uploads fail", null, Severity.SEV2, Impact.MAJOR, true,
        null, null, "manual", null, "no-process-" + number, AT));
    archive.begin(key, "Uploads fail", "SEV2");
  }

  @Test
  void beginningAPostmortemTwiceKeepsTheFirst() {
    archive.begin(key, "Another title", "SEV1");

    assertThat(records.get(key)).extracting(PostmortemRecords.Postmortem::title, PostmortemRecords.Postmortem::state)
        .containsExactly("Uploads fail", "PREPARING");
  }

  @Test
  void reschedulingKeepsTheFormsAlreadyFilledInAndDropsTheOthers() {
    records.scheduleMeeting(key, AT.plusDays(3), List.of("ivan", "carla", "dora"));
    records.prepare(key, "carla", "Customers wrote in", null, "Slow status page", AT.plusDays(1));

    records.scheduleMeeting(key, AT.plusDays(4), List.of("ivan", "frida"));

    assertThat(records.invitees(key)).as("sorted, so the forms go out in a stable order")
        .containsExactly("carla", "frida", "ivan");
    assertThat(records.preparations(key)).extracting(Preparation::person, Preparation::whatHappened)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("carla", "Customers wrote in"),
            org.assertj.core.groups.Tuple.tuple("frida", null), org.assertj.core.groups.Tuple.tuple("ivan", null));
    assertThat(records.get(key).meetingAt()).isEqualTo(AT.plusDays(4));
  }

  @Test
  void onlyAnInviteeFillsInAPreparationForm() {
    records.scheduleMeeting(key, AT.plusDays(3), List.of("ivan"));

    assertThatThrownBy(() -> records.prepare(key, "mallory", "I was there", null, null, AT))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("mallory is not invited");
  }

  /** Not in the test's transaction: the pull request is committed on its own, so the rollback of its step keeps it. */
  @Test
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  void aPullRequestFindsThePostmortemItReviewsEvenWhenItsStepRollsBack() {
    try {
      int number = 70_000 + (int) (Math.random() * 10_000);
      TransactionTemplate step = new TransactionTemplate(transactionManager);
      step.executeWithoutResult(status -> {
        records.proposed(key, number, "https://github.com/acme/postmortems/pull/" + number);
        status.setRollbackOnly();
      });

      assertThat(records.findByPullRequest(number)).contains(key);
      assertThat(records.get(key).reviewUrl()).isEqualTo("https://github.com/acme/postmortems/pull/" + number);
      assertThat(records.findByPullRequest(number + 1)).isEmpty();
    } finally {
      jdbc.sql("DELETE FROM incident WHERE incident_key = :key").param("key", key).update();
    }
  }

  @Test
  void theMeetingsActionItemsReplaceWhatAnEarlierSubmissionAgreedAndEachIsDoneOnce() {
    actionItems.agree(key, List.of(new AgreedActionItem("Draft", null, "dora", false, false, null)));
    LocalDate due = AT.plusDays(42).toLocalDate();
    actionItems.agree(key, List.of(new AgreedActionItem("Add a canary stage", "In the pipeline", "dora", true, true, due),
        new AgreedActionItem("Alert on upload errors", null, "carla", true, false, null)));

    List<ActionItem> agreed = actionItems.list(key);
    assertThat(agreed).extracting(ActionItem::position, ActionItem::title, ActionItem::owner, ActionItem::due)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "Add a canary stage", "dora", due),
            org.assertj.core.groups.Tuple.tuple(2, "Alert on upload errors", "carla", null));
    assertThat(actionItems.openIds(key)).containsExactly(agreed.get(0).id(), agreed.get(1).id());

    assertThat(actionItems.finish(agreed.get(1).id(), "carla", AT)).isTrue();
    assertThat(actionItems.finish(agreed.get(1).id(), "jira", AT.plusHours(1))).as("done already").isFalse();
    assertThat(actionItems.get(agreed.get(1).id())).extracting(ActionItem::state, ActionItem::doneBy)
        .containsExactly(ActionItems.DONE, "carla");
    assertThat(actionItems.openIds(key)).containsExactly(agreed.get(0).id());
  }

  /** Not in the test's transaction: a pull request is recorded in a transaction of its own (see above). */
  @Test
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  void aPullRequestNumberTwoPostmortemsShareFindsTheOneStillUnderReviewElseTheNewest() {
    String newer = anotherIncidentWithItsPostmortem();
    try {
      int number = 90_000 + (int) (Math.random() * 10_000);
      records.proposed(key, number, "https://github.com/old/postmortems/pull/" + number);
      records.proposed(newer, number, "https://github.com/new/postmortems/pull/" + number);
      assertThat(records.findByPullRequest(number)).as("both under review: the newer").contains(newer);

      archive.publish(newer, "# Published", "https://github.com/new/postmortems/pull/" + number, AT);
      assertThat(records.findByPullRequest(number)).as("the one still under review").contains(key);
    } finally {
      jdbc.sql("DELETE FROM incident WHERE incident_key IN (:keys)").param("keys", List.of(key, newer)).update();
    }
  }

  private String anotherIncidentWithItsPostmortem() {
    long number = jdbc.sql("SELECT COALESCE(MAX(incident_number), 0) FROM incident").query(Long.class).single() + 1;
    String another = "INC-" + number;
    incidents.insert(new IncidentRepository.NewIncident(another, "Search slow", null, Severity.SEV3, Impact.MINOR, false,
        null, null, "manual", null, "no-process-" + number, AT));
    archive.begin(another, "Search slow", "SEV3");
    return another;
  }

  @Test
  void theArchiveFindsAPublishedPostmortemByEveryWordOfItsTextAndKeepsTheFirstPublicationTime() {
    String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    assertThat(archive.markdown(key)).as("not published yet").isEmpty();

    archive.publish(key, "# Postmortem\n\nThe certificate " + word + " expired.", "https://review/1", AT);
    archive.publish(key, "# Postmortem\n\nThe certificate " + word + " expired on the load balancer.", "https://review/2",
        AT.plusDays(1));

    assertThat(archive.markdown(key)).get().asString().contains("on the load balancer");
    List<PublishedPostmortem> found = archive.search(word + " certificate", 10);
    assertThat(found).extracting(PublishedPostmortem::incidentKey).containsExactly(key);
    assertThat(found.get(0).publishedAt().toInstant()).as("published when first published").isEqualTo(AT.toInstant());
    assertThat(archive.search(word + " nonexistentword", 10)).isEmpty();
  }
}
