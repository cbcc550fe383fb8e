package io.firebreak.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opsgenie's outgoing webhook. Opsgenie is being retired by its vendor, so the mapping stays small: Create fires,
 * Close resolves, Acknowledge acknowledges; other actions (AddNote, …) carry no alert meaning.
 */
final class OpsgenieWebhook {

  static final String SOURCE = "opsgenie";

  private OpsgenieWebhook() {
  }

  /** Empty for actions without alert meaning. */
  static Optional<Alert> alert(JsonNode payload) {
    String action = Payloads.requiredText(payload, "action", "action");
    AlertStatus status = switch (action) {
      case "Create" -> AlertStatus.FIRING;
      case "Close" -> AlertStatus.RESOLVED;
      case "Acknowledge" -> AlertStatus.ACKNOWLEDGED;
      default -> null;
    };
    if (status == null) {
      return Optional.empty();
    }
    JsonNode alert = Payloads.object(payload, "alert");
    String alias = Payloads.firstNonNull(Payloads.text(alert, "alias"), Payloads.text(alert, "alertId"));
    if (alias == null) {
      throw new AlertPayloadException("alert.alias", "is required");
    }
    String priority = Payloads.text(alert, "priority");
    Map<String, String> details = Payloads.strings(alert.get("details"), "alert.details");
    return Optional.of(new Alert(SOURCE, SOURCE + ":" + alias, status,
        Payloads.firstNonNull(Payloads.text(alert, "message"), "Opsgenie alert " + alias),
        Payloads.text(alert, "description"),
        priority == null ? null : priority.toLowerCase(Locale.ROOT),
        details.get("environment"), Payloads.firstNonNull(details.get("product"), Payloads.text(alert, "entity")),
        null, details, createdAt(alert), null, null, payload.toString()));
  }

  /** Opsgenie's {@code alert.createdAt}, milliseconds since 1970: when the problem began. Anything else is no time. */
  private static java.time.OffsetDateTime createdAt(JsonNode alert) {
    JsonNode value = alert.get("createdAt");
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      return null;
    }
    long millis = value.asLong();
    return millis <= 0 || millis > 253_402_300_799_999L ? null
        : java.time.Instant.ofEpochMilli(millis).atOffset(java.time.ZoneOffset.UTC);
  }
}
