package io.firebreak.postmortem;

import java.util.Optional;

/**
 * Where postmortems are reviewed and published as files: a git repository whose pull requests are the review. Present
 * only when one is configured; otherwise the postmortem is reviewed in Tasklist.
 */
public interface PostmortemRepository {

  /**
   * Commits the postmortem on its own branch, pushes it and opens a pull request, or finds the one a previous try
   * opened. A revision is a new commit on the same branch.
   */
  PullRequest propose(Proposal proposal);

  /**
   * The postmortem document as the review left it: the file in {@code commit} (the pull request's merge), or on the
   * base branch when {@code commit} is null or not there; empty when the file is not there at all.
   */
  Optional<String> mergedDocument(String incidentKey, String commit);

  /**
   * Commits the repository's front page ({@link PostmortemIndex#markdown}) to the base branch, and a site
   * configuration for MkDocs when the repository has none; an unchanged page makes no commit.
   */
  void publishIndex(String indexMarkdown);

  /** A postmortem document to review. */
  record Proposal(String incidentKey, String title, String markdown) {
  }

  /** The pull request reviewing a postmortem. */
  record PullRequest(int number, String url, String branch) {
  }
}
