package io.firebreak.integration.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.integration.ConnectedFirebreakTest;
import io.firebreak.postmortem.PostmortemRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where the published text comes from: the postmortem file as the review left it on the repository's remote (a bare
 * repository on disk), read by JGit at the merge commit GitHub names, else on the base branch.
 */
class MergedDocumentTest extends ConnectedFirebreakTest {

  @Autowired
  PostmortemRepository repository;

  @Test
  void theTextIsReadAtTheMergeCommitOrElseOnTheBaseBranchAndAMissingFileIsNoText() throws Exception {
    String key = "INC-MERGED-" + System.nanoTime();
    String path = "postmortems/" + key + ".md";
    String first = reviewerCommits("main", path, none -> "# " + key + "\nAs merged first.\n");
    reviewerCommits("main", path, text -> text + "Changed on main afterwards.\n");

    assertThat(repository.mergedDocument(key, first)).contains("# " + key + "\nAs merged first.\n");
    assertThat(repository.mergedDocument(key, null)).get().asString().endsWith("Changed on main afterwards.\n");
    assertThat(repository.mergedDocument(key, "0123456789abcdef0123456789abcdef01234567")).as("a commit not there")
        .get().asString().endsWith("Changed on main afterwards.\n");
    assertThat(repository.mergedDocument("INC-NEVER-" + System.nanoTime(), first)).isEmpty();

    reviewerCommits("main", path, text -> null);
    assertThat(repository.mergedDocument(key, null)).as("deleted on main").isEmpty();
    assertThat(repository.mergedDocument(key, first)).as("still in the merge commit").isPresent();
  }
}
