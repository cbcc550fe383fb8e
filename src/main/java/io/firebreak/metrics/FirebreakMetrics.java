package io.firebreak.metrics;

import io.firebreak.alert.AlertsTaken;
import io.firebreak.incident.IncidentAcknowledged;
import io.firebreak.incident.IncidentOpened;
import io.firebreak.incident.IncidentReopened;
import io.firebreak.incident.IncidentResolved;
import io.firebreak.incident.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counters and histograms of what happens to incidents and alerts, for Prometheus (README, Metrics). The features
 * publish their events where they are written; each is counted once its transaction commits, so a rolled-back or
 * retried step counts nothing twice.
 */
@Component
class FirebreakMetrics {

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
  @TransactionalEventListener(fallbackExecution = true)
  void incidentOpened(IncidentOpened opened) {
    Counter.builder("firebreak.incidents.opened")
        .description("Incidents opened, by severity and by the source of their alert (person: declared by a person)")
        .tag("severity", opened.severity().name()).tag("source", opened.source() == null ? "unknown" : opened.source())
        .register(registry).increment();
  }

  /** firebreak_incident_time_to_acknowledge_seconds{severity}: detection until an Incident Manager is in charge. */
  @TransactionalEventListener(fallbackExecution = true)
  void incidentAcknowledged(IncidentAcknowledged acknowledged) {
    record("firebreak.incident.time.to.acknowledge", "From detection of an incident until an Incident Manager took it",
        acknowledged.severity(), acknowledged.detectedAt(), acknowledged.acknowledgedAt());
  }

  /**
   * firebreak_incident_time_to_resolve_seconds{severity}: detection until the first resolution. A reopened incident's
   * later resolutions are not counted again (one sample per incident); its reopenings are counted on their own.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void incidentResolved(IncidentResolved resolved) {
    if (resolved.reopenings() > 0) {
      return;
    }
    record("firebreak.incident.time.to.resolve", "From detection of an incident until it was resolved",
        resolved.severity(), resolved.detectedAt(), resolved.resolvedAt());
  }

  /** firebreak_incidents_reopened_total{severity}: a firing alert within the reopen window took one back into Fix. */
  @TransactionalEventListener(fallbackExecution = true)
  void incidentReopened(IncidentReopened reopened) {
    Counter.builder("firebreak.incidents.reopened")
        .description("Resolved incidents a firing alert took back into the Fix within the reopen window")
        .tag("severity", reopened.severity().name())
        .register(registry).increment();
  }

  /** firebreak_alerts_total{source,outcome}: each alert of a request with what the intake did with it. */
  @TransactionalEventListener(fallbackExecution = true)
  void alertsTaken(AlertsTaken taken) {
    for (int i = 0; i < taken.outcomes().size(); i++) {
      String source = taken.sources().get(i);
      Counter.builder("firebreak.alerts")
          .description("Alerts received, by source and by what Firebreak did with them")
          .tag("source", source == null ? "unknown" : source)
          .tag("outcome", taken.outcomes().get(i).outcome().name().toLowerCase(Locale.ROOT))
          .register(registry).increment();
    }
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
    timer.record(duration);
  }
}
