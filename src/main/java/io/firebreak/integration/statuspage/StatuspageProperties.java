package io.firebreak.integration.statuspage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Statuspage: an API key and the page id switch the adapter on; the base URL changes only for tests. */
@ConfigurationProperties(prefix = "firebreak.statuspage")
record StatuspageProperties(String apiKey, String pageId, String baseUrl, Boolean notifySubscribers) {

  StatuspageProperties {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.statuspage.io/v1" : baseUrl.replaceAll("/+$", "");
    notifySubscribers = notifySubscribers == null || notifySubscribers;
  }
}
