package io.firebreak.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Prometheus Alertmanager's webhook (payload version "4"), which is what VictoriaMetrics users send
 * (vmalert → Alertmanager → Firebreak). One payload holds a group of alerts, firing and resolved.
 */
final class AlertmanagerWebhook {

  static final String SOURCE = "alertmanager";

  private AlertmanagerWebhook() {
  }

  static List<Alert> alerts(JsonNode payload) {
    String version = Payloads.text(payload, "version");
    if (!"4".equals(version)) {
      throw new AlertPayloadException("version", "must be \"4\" (Alertmanager webhook payload), not " + version);
    }
    JsonNode alerts = payload.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw new AlertPayloadException("alerts", "must be an array");
    }
    Map<String, String> commonLabels = Payloads.strings(payload.get("commonLabels"), "commonLabels");
    String externalUrl = Payloads.text(payload, "externalURL");
    List<Alert> result = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      JsonNode alert = alerts.get(i);
      String path = "alerts[" + i + "]";
      if (!alert.isObject()) {
        throw new AlertPayloadException(path, "must be a JSON object");
      }
      String fingerprint = Payloads.requiredText(alert, "fingerprint", path + ".fingerprint");
      String status = Payloads.requiredText(alert, "status", path + ".status");
      AlertStatus alertStatus = switch (status) {
        case "firing" -> AlertStatus.FIRING;
        case "resolved" -> AlertStatus.RESOLVED;
        default -> throw new AlertPayloadException(path + ".status", "must be firing or resolved, not " + status);
      };
      Map<String, String> labels = new java.util.LinkedHashMap<>(commonLabels);
      labels.putAll(Payloads.strings(alert.get("labels"), path + ".labels"));
      Map<String, String> annotations = Payloads.strings(alert.get("annotations"), path + ".annotations");
      String title = Payloads.firstNonNull(annotations.get("summary"), annotations.get("title"), labels.get("alertname"),
          "Alertmanager alert " + fingerprint);
      result.add(new Alert(SOURCE, SOURCE + ":" + fingerprint, alertStatus, title,
          Payloads.firstNonNull(annotations.get("description"), annotations.get("message")),
          labels.get("severity"),
          Payloads.firstNonNull(labels.get("environment"), labels.get("env")),
          Payloads.firstNonNull(labels.get("product"), labels.get("service"), labels.get("job")),
          Payloads.firstNonNull(Payloads.text(alert, "generatorURL"), externalUrl),
          labels,
          Payloads.time(alert, "startsAt", path + ".startsAt"),
          Payloads.time(alert, "endsAt", path + ".endsAt"),
          alert.toString()));
    }
    // A consistent order: two requests holding the same fingerprints never wait on each other crosswise.
    result.sort(Comparator.comparing(Alert::fingerprint));
    return result;
  }
}
