package io.firebreak.integration.opsgenie;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Opsgenie's Alert API: an API integration key ({@code GenieKey}) switches the adapter on. The base URL is
 * {@code https://api.opsgenie.com} ({@code https://api.eu.opsgenie.com} in the EU); Jira Service Management
 * Operations' integration API takes the same calls at its own URL. {@code team} is the responder paged for
 * incidents people declare.
 */
@ConfigurationProperties(prefix = "firebreak.opsgenie")
record OpsgenieProperties(String apiKey, String baseUrl, String team) {

  OpsgenieProperties {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.opsgenie.com" : baseUrl.replaceAll("/+$", "");
  }
}
