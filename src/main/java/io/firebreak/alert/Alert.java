package io.firebreak.alert;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One signal from a monitoring source, normalised: the fingerprint identifies the problem across repeats, prefixed
 * with the source ({@code alertmanager:…}, {@code pingdom:…}) so that two sources never share one.
 *
 * @param severityHint the source's own word for how bad it is (critical, warning, p1, …), for triage
 * @param payload      the alert as the source sent it (JSON), kept on the timeline
 */
public record Alert(String source, String fingerprint, AlertStatus status, String title, String description,
                    String severityHint, String environment, String product, String url, Map<String, String> labels,
                    OffsetDateTime startedAt, OffsetDateTime endedAt, String payload) {

  public Alert {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("an alert needs a source");
    }
    if (fingerprint == null || fingerprint.isBlank()) {
      throw new IllegalArgumentException("an alert needs a fingerprint");
    }
    if (status == null) {
      throw new IllegalArgumentException("an alert needs a status");
    }
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** A firing alert with what triage needs; for callers inside Firebreak and tests. */
  public static Alert firing(String source, String fingerprint, String title, String description, String severityHint,
                             String environment, String product, String url, Map<String, String> labels) {
    return new Alert(source, fingerprint, AlertStatus.FIRING, title, description, severityHint, environment, product,
        url, labels, null, null, null);
  }
}
