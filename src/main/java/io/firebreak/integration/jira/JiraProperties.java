package io.firebreak.integration.jira;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Jira Cloud: site URL, the account's email and API token, and the project of incident tickets switch the adapter on.
 * Issue types, the name of the transition to Done and the link type for follow-ups have defaults.
 */
@ConfigurationProperties(prefix = "firebreak.jira")
record JiraProperties(String baseUrl, String email, String apiToken, String projectKey, String issueType,
                      String followUpIssueType, String doneTransition, String linkType, String webhookSecret) {

  JiraProperties {
    baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
    issueType = orDefault(issueType, "Task");
    followUpIssueType = orDefault(followUpIssueType, "Task");
    doneTransition = orDefault(doneTransition, "Done");
    linkType = orDefault(linkType, "Relates");
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
