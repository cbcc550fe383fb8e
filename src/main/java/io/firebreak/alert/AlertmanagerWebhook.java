package io.firebreak.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prometheus Alertmanager's webhook (payload version "4"), which is what VictoriaMetrics users send
 * (vmalert → Alertmanager → Firebreak). One payload holds a group of alerts, firing and resolved.
 *
 * <p>The payload is checked whole before anything is recorded: a payload that is not Alertmanager's (no version 4, no
 * alerts array) is refused; an alert in it that cannot be read is {@code REJECTED} with the reason while the others are
 * taken, so one bad alert never holds back its neighbours and Alertmanager is never made to retry it forever.
 */
final class AlertmanagerWebhook {

  static final String SOURCE = "alertmanager";

  private AlertmanagerWebhook() {
  }

  /**
   * The payload's alerts, all of one group: Alertmanager's {@code groupKey}, or the values of {@code groupBy} labels
   * when those are configured.
   */
  static AlertBatch alerts(JsonNode payload, List<String> groupBy) {
    String version = Payloads.text(payload, "version");
    if (!"4".equals(version)) {
      throw new AlertPayloadException("version", "must be \"4\" (Alertmanager webhook payload), not "
          + (version == null ? "missing" : Payloads.shown(version)));
    }
    JsonNode alerts = payload.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw new AlertPayloadException("alerts", "must be an array");
    }
    Map<String, String> commonLabels = Payloads.strings(payload.get("commonLabels"), "commonLabels");
    String externalUrl = Payloads.text(payload, "externalURL");
    String groupKey = Payloads.text(payload, "groupKey");
    List<Alert> taken = new ArrayList<>();
    List<AlertOutcome> rejected = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      String path = "alerts[" + i + "]";
      try {
        taken.add(alert(alerts.get(i), path, commonLabels, externalUrl, groupKey, groupBy));
      } catch (AlertPayloadException e) {
        String fingerprint = alerts.get(i).isObject() ? Payloads.text(alerts.get(i), "fingerprint") : null;
        rejected.add(AlertOutcome.rejected(fingerprint == null ? null : Alert.identifier(SOURCE + ":" + fingerprint),
            e.getMessage()));
      }
    }
    return new AlertBatch(taken, rejected);
  }

  private static Alert alert(JsonNode alert, String path, Map<String, String> commonLabels, String externalUrl,
                             String groupKey, List<String> groupBy) {
    if (!alert.isObject()) {
      throw new AlertPayloadException(path, "must be a JSON object");
    }
    String fingerprint = Payloads.requiredText(alert, "fingerprint", path + ".fingerprint");
    String status = Payloads.requiredText(alert, "status", path + ".status");
    AlertStatus alertStatus = switch (status) {
      case "firing" -> AlertStatus.FIRING;
      case "resolved" -> AlertStatus.RESOLVED;
      default -> throw new AlertPayloadException(path + ".status", "must be firing or resolved, not "
          + Payloads.shown(status));
    };
    Map<String, String> labels = new LinkedHashMap<>(commonLabels);
    labels.putAll(Payloads.strings(alert.get("labels"), path + ".labels"));
    Map<String, String> annotations = Payloads.strings(alert.get("annotations"), path + ".annotations");
    String title = Payloads.firstNonNull(annotations.get("summary"), annotations.get("title"), labels.get("alertname"),
        "Alertmanager alert " + fingerprint);
    return new Alert(SOURCE, SOURCE + ":" + fingerprint, alertStatus, title,
        Payloads.firstNonNull(annotations.get("description"), annotations.get("message")),
        labels.get("severity"),
        Payloads.firstNonNull(labels.get("environment"), labels.get("env")),
        Payloads.firstNonNull(labels.get("product"), labels.get("service"), labels.get("job")),
        Payloads.firstNonNull(Payloads.text(alert, "generatorURL"), externalUrl),
        labels,
        Payloads.time(alert, "startsAt", path + ".startsAt"),
        Payloads.time(alert, "endsAt", path + ".endsAt"),
        group(labels, groupKey, groupBy),
        alert.toString());
  }

  private static String group(Map<String, String> labels, String groupKey, List<String> groupBy) {
    if (groupBy != null && !groupBy.isEmpty()) {
      return SOURCE + ":" + groupBy.stream().map(name -> name + "=" + labels.getOrDefault(name, ""))
          .collect(Collectors.joining(","));
    }
    return groupKey == null ? null : SOURCE + ":" + groupKey;
  }
}
