package io.firebreak.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Pingdom's state-change webhook: a check went DOWN (or FAILING for transaction checks) or back UP (SUCCESS). */
final class PingdomWebhook {

  static final String SOURCE = "pingdom";

  private PingdomWebhook() {
  }

  static Alert alert(JsonNode payload) {
    String checkId = Payloads.requiredText(payload, "check_id", "check_id");
    String state = Payloads.requiredText(payload, "current_state", "current_state").toUpperCase(Locale.ROOT);
    AlertStatus status = switch (state) {
      case "DOWN", "FAILING" -> AlertStatus.FIRING;
      case "UP", "SUCCESS" -> AlertStatus.RESOLVED;
      default -> throw new AlertPayloadException("current_state", "must be DOWN, UP, FAILING or SUCCESS, not " + Payloads.shown(state));
    };
    String name = Payloads.firstNonNull(Payloads.text(payload, "check_name"), "Pingdom check " + checkId);
    String importance = Payloads.text(payload, "importance_level");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("check_id", checkId);
    labels.put("check_type", Payloads.text(payload, "check_type"));
    JsonNode params = payload.get("check_params");
    String host = params == null ? null : Payloads.text(params, "hostname");
    if (host != null) {
      labels.put("hostname", host);
    }
    JsonNode tags = payload.get("tags");
    if (tags != null && tags.isArray()) {
      tags.forEach(tag -> labels.put("tag:" + tag.asText(), "true"));
    }
    labels.values().removeIf(java.util.Objects::isNull);
    return new Alert(SOURCE, SOURCE + ":" + checkId, status, name + " is " + state,
        Payloads.firstNonNull(Payloads.text(payload, "long_description"), Payloads.text(payload, "description")),
        importance == null ? null : "HIGH".equalsIgnoreCase(importance) ? "high" : "warning",
        null, null, host == null ? null : "https://" + host, labels,
        Payloads.epochSeconds(payload, "state_changed_timestamp"), null, null, payload.toString());
  }
}
