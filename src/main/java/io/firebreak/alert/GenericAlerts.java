package io.firebreak.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Firebreak's own alert format, for every other source (the internal alarm tool, scripts):
 * <pre>{"source": "alarm-tool", "title": "…", "status": "firing|resolved", "severity": "critical|high|warning|info",
 *  "fingerprint": "optional", "description": "…", "environment": "…", "product": "…", "url": "…",
 *  "labels": {"k": "v"}, "startedAt": "ISO-8601", "endedAt": "ISO-8601", "group": "optional"}</pre>
 * Without a fingerprint it is a stable hash of source, title and labels. Alerts with the same {@code group} (of one
 * source) share one incident.
 */
final class GenericAlerts {

  private GenericAlerts() {
  }

  static Alert alert(JsonNode payload) {
    String source = Payloads.requiredText(payload, "source", "source").toLowerCase(Locale.ROOT);
    if (!source.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      throw new AlertPayloadException("source", "must be a short name of letters, digits, '.', '_' or '-'");
    }
    String title = Payloads.requiredText(payload, "title", "title");
    String status = Payloads.firstNonNull(Payloads.text(payload, "status"), "firing").toLowerCase(Locale.ROOT);
    AlertStatus alertStatus = switch (status) {
      case "firing" -> AlertStatus.FIRING;
      case "resolved" -> AlertStatus.RESOLVED;
      default -> throw new AlertPayloadException("status", "must be firing or resolved, not " + Payloads.shown(status));
    };
    Map<String, String> labels = Payloads.strings(payload.get("labels"), "labels");
    String fingerprint = Payloads.text(payload, "fingerprint");
    if (fingerprint == null) {
      fingerprint = hash(source, title, labels);
    }
    String group = Payloads.text(payload, "group");
    return new Alert(source, source + ":" + fingerprint, alertStatus, title, Payloads.text(payload, "description"),
        Payloads.text(payload, "severity"), Payloads.text(payload, "environment"), Payloads.text(payload, "product"),
        Payloads.text(payload, "url"), labels, Payloads.time(payload, "startedAt", "startedAt"),
        Payloads.time(payload, "endedAt", "endedAt"), group == null ? null : source + ":" + group, payload.toString());
  }

  static String hash(String source, String title, Map<String, String> labels) {
    StringBuilder canonical = new StringBuilder(source).append('\n').append(title);
    new TreeMap<>(labels).forEach((k, v) -> canonical.append('\n').append(k).append('=').append(v));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
