package io.firebreak.integration.git;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The repository postmortems are reviewed in: {@code owner/name} on GitHub (or GitHub Enterprise through
 * {@code apiUrl}), a token that may push branches and open pull requests, and the secret of the {@code pull_request}
 * webhook that reports the review. {@code gitUrl} defaults to the repository's HTTPS clone URL on github.com.
 */
@ConfigurationProperties(prefix = "firebreak.github")
record GitHubProperties(String apiUrl, String token, String repository, String gitUrl, String baseBranch,
                        String directory, String webhookSecret, String authorName, String authorEmail) {

  GitHubProperties {
    apiUrl = orDefault(apiUrl, "https://api.github.com").replaceAll("/+$", "");
    gitUrl = orDefault(gitUrl, "https://github.com/" + repository + ".git");
    baseBranch = orDefault(baseBranch, "main");
    directory = orDefault(directory, "postmortems").replaceAll("^/+|/+$", "");
    authorName = orDefault(authorName, "Firebreak");
    authorEmail = orDefault(authorEmail, "firebreak@localhost");
  }

  String owner() {
    return repository.substring(0, repository.indexOf('/'));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
