package io.firebreak.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges read from our tables and the engine's: action items open and overdue, postmortem meetings overdue, failed
 * steps (Cockpit incidents) and the job backlog. One scrape reads them all once; scrapes within the cache time share
 * that reading, so a busy scraper costs the database five counts per cache period at most.
 */
@Component
class DatabaseGauges {

  private static final Logger log = LoggerFactory.getLogger(DatabaseGauges.class);

  record Reading(double actionItemsOpen, double actionItemsOverdue, double meetingsOverdue, double failedSteps,
                 double jobBacklog) {
    static final Reading NONE = new Reading(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  private final JdbcClient jdbc;
  private final ManagementService management;
  private final RuntimeService runtime;
  private final Duration cache;
  private final Clock clock = Clock.systemUTC();
  private Reading reading = Reading.NONE;
  private Instant readAt = Instant.MIN;

  DatabaseGauges(JdbcClient jdbc, ManagementService management, RuntimeService runtime, MeterRegistry registry,
                 @Value("${firebreak.metrics.gauge-cache:PT15S}") Duration cache) {
    this.jdbc = jdbc;
    this.management = management;
    this.runtime = runtime;
    this.cache = cache;
    gauge(registry, "firebreak.action.items.open", "Action items of postmortems not done yet", Reading::actionItemsOpen);
    gauge(registry, "firebreak.action.items.overdue", "Open action items past their due date",
        Reading::actionItemsOverdue);
    gauge(registry, "firebreak.postmortem.meetings.overdue",
        "Postmortem meetings whose scheduled time has passed without being held", Reading::meetingsOverdue);
    gauge(registry, "firebreak.failed.steps", "Failed steps waiting in Cockpit (Cockpit incidents)",
        Reading::failedSteps);
    gauge(registry, "firebreak.job.backlog", "Engine jobs due now and not yet run", Reading::jobBacklog);
  }

  private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Reading> value) {
    Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.current())).description(description)
        .register(registry);
  }

  synchronized Reading current() {
    Instant now = clock.instant();
    if (readAt.plus(cache).isAfter(now)) {
      return reading;
    }
    try {
      reading = read();
    } catch (RuntimeException e) {
      // The database is unreachable: the gauges say NaN (no value) instead of an old one, and the scrape goes on.
      log.warn("Metrics gauges could not be read: {}", e.toString());
      reading = Reading.NONE;
    }
    readAt = now;
    return reading;
  }

  private Reading read() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long open = jdbc.sql("SELECT COUNT(*) FROM action_item WHERE state = 'OPEN'").query(Long.class).single();
    long overdue = jdbc.sql("SELECT COUNT(*) FROM action_item WHERE state = 'OPEN' AND due_on < :today")
        .param("today", LocalDate.now(ZoneOffset.UTC)).query(Long.class).single();
    long meetings = jdbc.sql("SELECT COUNT(*) FROM postmortem WHERE meeting_at < :now AND meeting_held_at IS NULL "
        + "AND published_at IS NULL")
        .param("now", now).query(Long.class).single();
    long failed = runtime.createIncidentQuery().count();
    long backlog = management.createJobQuery().executable().count();
    return new Reading(open, overdue, meetings, failed, backlog);
  }
}
