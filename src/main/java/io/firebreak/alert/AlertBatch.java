package io.firebreak.alert;

import java.util.List;

/** The alerts of one request: those taken, and those refused one by one with the reason (answered as REJECTED). */
record AlertBatch(List<Alert> alerts, List<AlertOutcome> rejected) {

  AlertBatch {
    alerts = List.copyOf(alerts);
    rejected = List.copyOf(rejected);
  }

  static AlertBatch of(Alert alert) {
    return new AlertBatch(List.of(alert), List.of());
  }
}
