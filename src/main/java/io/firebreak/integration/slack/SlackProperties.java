package io.firebreak.integration.slack;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Slack: a bot token ({@code FIREBREAK_SLACK_TOKEN}, xoxb-…) switches the adapter on. The base URL is Slack's Web API
 * and only changes for tests.
 */
@ConfigurationProperties(prefix = "firebreak.slack")
record SlackProperties(String token, String baseUrl) {

  SlackProperties {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://slack.com/api/" : baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
  }
}
