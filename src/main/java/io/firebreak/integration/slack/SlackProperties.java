package io.firebreak.integration.slack;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Slack: a bot token ({@code FIREBREAK_SLACK_TOKEN}, xoxb-…) switches the adapter on. The signing secret
 * ({@code FIREBREAK_SLACK_SIGNING_SECRET}, the app's Basic Information page) lets Slack call Firebreak: slash commands
 * and the buttons and modals of the incident channel, at its Request URLs. An app-level token
 * ({@code FIREBREAK_SLACK_APP_TOKEN}, xapp-… with {@code connections:write}) lets the same arrive over Socket Mode
 * instead, for an installation Slack cannot reach. The base URL is Slack's Web API and only changes for tests.
 */
@ConfigurationProperties(prefix = "firebreak.slack")
record SlackProperties(String token, String baseUrl, String signingSecret, String appToken) {

  SlackProperties {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://slack.com/api/" : baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
  }

  /** Whether Slack may call Firebreak's Request URLs: a bot token to answer with, a signing secret to verify by. */
  boolean requestUrls() {
    return set(token) && set(signingSecret);
  }

  /** Whether Slack reaches Firebreak at all (Request URLs or Socket Mode): the summary then carries its buttons. */
  boolean interactive() {
    return requestUrls() || set(token) && set(appToken);
  }

  private static boolean set(String value) {
    return value != null && !value.isBlank();
  }
}
