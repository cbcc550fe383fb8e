package io.firebreak.metrics;

import io.firebreak.alert.AlertOutcome;
import io.firebreak.incident.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counters and histograms of what happens to incidents and alerts, for Prometheus (README, Metrics). Callers report an
 * event where it is written; it is counted once its transaction commits, so a rolled-back or retried step counts
 * nothing twice.
 */
@Component
public class FirebreakMetrics {

  /** Buckets of the time to acknowledge and to resolve: from a minute to a week. */
  private static final Duration[] BUCKETS = {
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofDays(1),
      Duration.ofDays(3), Duration.ofDays(7)};

  private final MeterRegistry registry;

  FirebreakMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** firebreak_incidents_opened_total{severity,source}. */
  public void incidentOpened(Severity severity, String source) {
    Counter counter = Counter.builder("firebreak.incidents.opened")
        .description("Incidents opened, by severity and by the source of their alert (person: declared by a person)")
        .tag("severity", severity.name()).tag("source", source == null ? "unknown" : source)
        .register(registry);
    afterCommit(counter::increment);
  }

  /** firebreak_incident_time_to_acknowledge_seconds{severity}: detection until an Incident Manager is in charge. */
  public void incidentAcknowledged(Severity severity, OffsetDateTime detectedAt, OffsetDateTime acknowledgedAt) {
    record("firebreak.incident.time.to.acknowledge",
        "From detection of an incident until an Incident Manager took it", severity, detectedAt, acknowledgedAt);
  }

  /** firebreak_incident_time_to_resolve_seconds{severity}: detection until resolution. */
  public void incidentResolved(Severity severity, OffsetDateTime detectedAt, OffsetDateTime resolvedAt) {
    record("firebreak.incident.time.to.resolve", "From detection of an incident until it was resolved", severity,
        detectedAt, resolvedAt);
  }

  /** firebreak_alerts_total{source,outcome}: each alert of a request with what the intake did with it. */
  public void alert(String source, AlertOutcome.Outcome outcome) {
    Counter counter = Counter.builder("firebreak.alerts")
        .description("Alerts received, by source and by what Firebreak did with them")
        .tag("source", source == null ? "unknown" : source).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry);
    afterCommit(counter::increment);
  }

  private void record(String name, String description, Severity severity, OffsetDateTime from, OffsetDateTime to) {
    if (from == null || to == null) {
      return;
    }
    Duration duration = Duration.between(from, to);
    if (duration.isNegative()) {
      duration = Duration.ZERO;
    }
    Timer timer = Timer.builder(name).description(description).tag("severity", severity.name())
        .serviceLevelObjectives(BUCKETS).register(registry);
    Duration recorded = duration;
    afterCommit(() -> timer.record(recorded));
  }

  private static void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }
}
