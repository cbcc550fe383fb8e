package io.firebreak.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The run's table with the ratios, and the detail of every kind of work, as Markdown (printed and written). */
final class Summary {

  private final BenchSettings settings;
  private final String run;
  private final Results r;

  Summary(BenchSettings settings, String run, Results results) {
    this.settings = settings;
    this.run = run;
    this.r = results;
  }

  String write() throws IOException {
    String text = render();
    Path file = Path.of(settings.summaryFile());
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return text + "\n(written to " + file.toAbsolutePath() + "; Gatling's HTML report is under target/gatling/)\n";
  }

  private String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Firebreak benchmark, run ").append(run).append(" (").append(Instant.now()).append(")\n\n");
    out.append(String.format(Locale.ROOT, "Against %s; %d concurrent clients, %d s per phase; storm: %.0f new "
            + "alerts/s, %d duplicate clients, %.0f resolutions/s for %d s; pgbench -N %d clients for %d s.%n%n",
        settings.baseUrl(), settings.users(), settings.phase().toSeconds(), settings.stormNewPerSecond(),
        settings.stormDuplicateUsers(), settings.stormResolvedPerSecond(), settings.stormDuration().toSeconds(),
        settings.users(), settings.pgbenchDuration().toSeconds()));
    out.append(stormGuardNote()).append("\n\n");
    out.append("Warm-up, not measured: ").append(settings.warmUp().toSeconds()).append(" s of every kind of request, "
        + "then repeats until their rate stopped rising and the server's JIT compiler was nearly idle: ")
        .append(r.warmUpRepeats == null ? "not run" : r.warmUpRepeats.describe()).append(".\n\n");
    out.append("Waits until every channel exists and no job is due (the engine's backlog drained): ")
        .append(r.waits.isEmpty() ? "none" : String.join("; ", r.waits.entrySet().stream()
            .map(wait -> wait.getKey().replaceFirst("^\\d+ ", "") + ", " + wait.getValue()).toList()))
        .append(".\n\n");
    out.append(String.format(Locale.ROOT, "Jobs whose last try failed (waiting for their retry, or Cockpit incidents): "
        + "at most %d at once during the run, %d at its end (warm-up included; see Firebreak's log).%n%n",
        r.failedJobsPeak, r.failedJobsAtEnd));

    out.append("| work | Firebreak | reference in the same run | ratio |\n|---|---|---|---|\n");
    out.append(row("duplicate alert attached to an open incident",
        rate(r.duplicates, "alerts/s") + latency(r.duplicates),
        String.format(Locale.ROOT, "PostgreSQL `pgbench -N`: %,.0f tps", r.pgbenchTps),
        ratio(r.duplicates.perSecond() / r.pgbenchTps, "of pgbench tps")));
    out.append(row("alert that opens a new incident (request answered)",
        rate(r.newIncidents, "/s") + latency(r.newIncidents),
        "bare Camunda message start → user task: " + rate(r.bare, "/s") + latency(r.bare),
        String.format(Locale.ROOT, "p50 %s a bare start; rate %s", times(r.newIncidents.percentile(50)
            / r.bare.percentile(50)), ratio(r.newIncidents.perSecond() / r.bare.perSecond(), "of bare starts/s"))));
    out.append(row("alert → Slack channel created, quiet node",
        channels(r.quietChannelMs, r.quietMissing), "", ""));
    out.append(row(String.format(Locale.ROOT, "alert → Slack channel created while %.1f new incidents/s arrive",
            r.stormStartedPerSecond), channels(r.stormChannelMs, r.stormMissing),
        String.format(Locale.ROOT, "channels created %.1f/s; last one %.1f s after the storm's last alert",
            r.stormChannelsPerSecond, r.drainAfterStormSeconds),
        String.format(Locale.ROOT, "backlog drained at %s the arrival rate", times(r.stormChannelsPerSecond
            / r.stormStartedPerSecond))));
    out.append(row("engine job backlog during that storm (jobs due)",
        r.backlogPeak < 0 ? "–" : Double.isNaN(r.backlogEmptyAfterStormSeconds)
            ? "peak " + r.backlogPeak + "; not empty again within the drain timeout"
            : String.format(Locale.ROOT, "peak %d; empty %.1f s after the storm's last alert", r.backlogPeak,
                r.backlogEmptyAfterStormSeconds),
        String.format(Locale.ROOT, "built at %.1f jobs/s, drained at %.1f jobs/s from the peak",
            r.backlogBuiltPerSecond, r.backlogDrainedPerSecond),
        String.format(Locale.ROOT, "drained at %s the build rate", times(r.backlogDrainedPerSecond
            / r.backlogBuiltPerSecond))));
    out.append(row("mixed storm: new alerts (answered)", rate(r.stormNew, "/s") + latency(r.stormNew),
        "same work, no storm: p50 " + ms(r.newIncidents.percentile(50)),
        "p50 " + times(r.stormNew.percentile(50) / r.newIncidents.percentile(50)) + " the calm p50"));
    out.append(row("mixed storm: duplicates", rate(r.stormDuplicates, "alerts/s") + latency(r.stormDuplicates),
        "same work, no storm: p50 " + ms(r.duplicates.percentile(50)),
        ratio(r.stormDuplicates.perSecond() / r.pgbenchTps, "of pgbench tps")));
    out.append(row("mixed storm: resolutions", rate(r.stormResolved, "/s") + latency(r.stormResolved), "", ""));

    out.append("\n| measured | answered | failed | per second | p50 ms | p95 ms | p99 ms | max ms | outcomes |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (Measure m : List.of(r.bare, r.quietNew, r.seed, r.duplicates, r.newIncidents, r.stormNew,
        r.stormDuplicates, r.stormResolved)) {
      out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %s | %s | %s | %s | %s |%n", m.name, m.count(),
          m.failed(), m.perSecond(), num(m.percentile(50)), num(m.percentile(95)), num(m.percentile(99)),
          num(m.percentile(100)), m.outcomes()));
    }
    return out.toString();
  }

  /** New-incident alerts must each start an incident; STORM outcomes mean the server's storm guard is on. */
  private String stormGuardNote() {
    int storm = r.newIncidents.outcomes().getOrDefault("STORM", 0) + r.stormNew.outcomes().getOrDefault("STORM", 0);
    if (storm > 0) {
      return "**Storm guard ON on the server**: " + storm + " new alerts gathered on a storm incident, so the "
          + "new-incident figures are not new incidents. Start Firebreak with FIREBREAK_ALERTS_STORM_GUARD_ENABLED=false "
          + "(src/bench/start-firebreak.sh does).";
    }
    return "Storm guard off on the server (FIREBREAK_ALERTS_STORM_GUARD_ENABLED=false): every distinct alert opened "
        + "an incident of its own, which is what the new-incident rows measure.";
  }

  private static String row(String work, String firebreak, String reference, String ratio) {
    return "| " + work + " | " + firebreak + " | " + reference + " | " + ratio + " |\n";
  }

  private static String rate(Measure m, String unit) {
    return String.format(Locale.ROOT, "%.1f %s", m.perSecond(), unit);
  }

  private static String latency(Measure m) {
    return " (p50 " + ms(m.percentile(50)) + ", p99 " + ms(m.percentile(99))
        + (m.failed() > 0 ? ", " + m.failed() + " failed" : "") + ")";
  }

  private static String channels(List<Double> sorted, int missing) {
    if (sorted.isEmpty()) {
      return "none measured" + (missing > 0 ? " (" + missing + " channels never created)" : "");
    }
    return "p50 " + ms(Measure.percentile(sorted, 50)) + ", p95 " + ms(Measure.percentile(sorted, 95)) + ", max "
        + ms(Measure.percentile(sorted, 100)) + " (" + sorted.size() + " channels"
        + (missing > 0 ? ", " + missing + " never created" : "") + ")";
  }

  private static String ms(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value >= 1000 ? String.format(Locale.ROOT, "%.2f s", value / 1000) : String.format(Locale.ROOT,
        "%.0f ms", value);
  }

  private static String num(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
  }

  private static String ratio(double value, String of) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, "%.2f× %s", value, of);
  }

  private static String times(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, "%.1f×", value);
  }
}
