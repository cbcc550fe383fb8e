package io.firebreak.alert;

import io.firebreak.incident.IncidentLimits;
import io.firebreak.config.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One signal from a monitoring source, normalised: the fingerprint identifies the problem across repeats, prefixed
 * with the source ({@code alertmanager:…}, {@code pingdom:…}) so that two sources never share one.
 *
 * <p>What a source sends is taken as it is, made to fit our records: NUL characters are removed and each text is cut to
 * its column ({@link IncidentLimits}); the raw payload keeps the full text. A fingerprint or group key too long for
 * its column is replaced by a hash of itself, so it still identifies the same problem.
 *
 * @param severityHint the source's own word for how bad it is (critical, warning, p1, …), for triage
 * @param group        the key of the alert's group (alerts of one group share one incident), or null
 * @param payload      the alert as the source sent it (JSON), kept on the timeline
 */
public record Alert(String source, String fingerprint, AlertStatus status, String title, String description,
                    String severityHint, String environment, String product, String url, Map<String, String> labels,
                    OffsetDateTime startedAt, OffsetDateTime endedAt, String group, String payload) {

  /** The longest severity hint kept (alert_tracking.severity_hint). */
  static final int SEVERITY_HINT = 100;

  public Alert {
    source = Texts.fit(source, IncidentLimits.SOURCE);
    if (source == null) {
      throw new IllegalArgumentException("an alert needs a source");
    }
    fingerprint = identifier(fingerprint);
    if (fingerprint == null) {
      throw new IllegalArgumentException("an alert needs a fingerprint");
    }
    if (status == null) {
      throw new IllegalArgumentException("an alert needs a status");
    }
    title = Texts.fit(title, IncidentLimits.TITLE);
    description = Texts.fit(description, IncidentLimits.DESCRIPTION);
    severityHint = Texts.fit(severityHint, SEVERITY_HINT);
    environment = Texts.fit(environment, IncidentLimits.ENVIRONMENT);
    product = Texts.fit(product, IncidentLimits.PRODUCT);
    url = Texts.fit(url, IncidentLimits.VARIABLE);
    group = identifier(group);
    payload = Texts.fit(payload, IncidentLimits.PAYLOAD);
    Map<String, String> clean = new LinkedHashMap<>();
    if (labels != null) {
      labels.forEach((k, v) -> {
        String key = Texts.fit(k, IncidentLimits.TITLE);
        if (key != null) {
          clean.put(key, v == null ? "" : Texts.withoutNul(v));
        }
      });
    }
    labels = Map.copyOf(clean);
  }

  /** A firing alert with what triage needs; for callers inside Firebreak and tests. */
  public static Alert firing(String source, String fingerprint, String title, String description, String severityHint,
                             String environment, String product, String url, Map<String, String> labels) {
    return new Alert(source, fingerprint, AlertStatus.FIRING, title, description, severityHint, environment, product,
        url, labels, null, null, null, null);
  }

  /**
   * A fingerprint or group key that fits its column: as it is when it does, otherwise the part before the first
   * {@code :} (the source) and a SHA-256 of the whole, which stays the same for the same key.
   */
  static String identifier(String key) {
    String clean = Texts.withoutNul(key);
    if (clean == null || clean.isBlank()) {
      return null;
    }
    if (clean.length() <= IncidentLimits.FINGERPRINT) {
      return clean;
    }
    int colon = clean.indexOf(':');
    String prefix = colon > 0 && colon <= IncidentLimits.SOURCE ? clean.substring(0, colon + 1) : "";
    return prefix + "sha256:" + sha256(clean);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
