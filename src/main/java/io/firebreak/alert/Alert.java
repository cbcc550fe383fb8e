package io.firebreak.alert;

import java.util.Map;

/**
 * One signal from a monitoring source, normalised: the fingerprint identifies the problem across repeats.
 *
 * @param source       where it came from: alertmanager, pingdom, opsgenie or a generic source's name
 * @param severityHint the source's own word for how bad it is (critical, warning, …), for triage
 */
public record Alert(String source, String fingerprint, String title, String description, String severityHint,
                    String environment, String product, String url, Map<String, String> labels) {

  public Alert {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("an alert needs a source");
    }
    if (fingerprint == null || fingerprint.isBlank()) {
      throw new IllegalArgumentException("an alert needs a fingerprint");
    }
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
