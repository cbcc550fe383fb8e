package io.firebreak.integration.slack;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Slack: a bot token ({@code FIREBREAK_SLACK_TOKEN}, xoxb-…) switches the adapter on. The signing secret
 * ({@code FIREBREAK_SLACK_SIGNING_SECRET}, the app's Basic Information page) lets Slack call Firebreak: slash commands
 * and the buttons and modals of the incident channel. The base URL is Slack's Web API and only changes for tests.
 */
@ConfigurationProperties(prefix = "firebreak.slack")
record SlackProperties(String token, String baseUrl, String signingSecret) {

  SlackProperties {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://slack.com/api/" : baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
  }

  /** Whether Slack may call Firebreak: a bot token to answer with and a signing secret to verify requests by. */
  boolean interactive() {
    return token != null && !token.isBlank() && signingSecret != null && !signingSecret.isBlank();
  }
}
