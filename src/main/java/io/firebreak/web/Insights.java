package io.firebreak.web;

import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.postmortem.ActionItems;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The insights' figures, from the incidents as the incident module lists them: time to acknowledge (the Incident
 * Manager in charge, less detection) and time to resolve (resolution less detection) by severity and month, incidents
 * by source and severity, and the action items open and overdue. Plain Java, so its sums are tested without a page.
 */
record Insights(List<String> months, double[][] minutesToAcknowledge, double[][] hoursToResolve,
                List<String> sources, double[][] bySource, ActionItems.OpenItems actionItems) {

  static final List<Severity> SEVERITIES = List.of(Severity.values());

  /** {@code months} months up to and including the one of {@code now}. */
  static Insights of(List<Incident> incidents, ActionItems.OpenItems actionItems, OffsetDateTime now, int months) {
    YearMonth last = YearMonth.from(now.atZoneSameInstant(ZoneOffset.UTC));
    List<YearMonth> shown = new ArrayList<>();
    for (int i = months - 1; i >= 0; i--) {
      shown.add(last.minusMonths(i));
    }
    double[][] acknowledge = averages(incidents, shown, Incident::acknowledgedAt, 60);
    double[][] resolve = averages(incidents, shown, Incident::resolvedAt, 3600);
    Map<String, double[]> sources = new TreeMap<>();
    for (Incident incident : incidents) {
      String source = incident.source() == null ? "unknown" : incident.source();
      sources.computeIfAbsent(source, s -> new double[SEVERITIES.size()])[incident.severity().ordinal()]++;
    }
    return new Insights(shown.stream().map(YearMonth::toString).toList(), acknowledge, resolve,
        List.copyOf(sources.keySet()), sources.values().toArray(double[][]::new), actionItems);
  }

  /** Per month and severity: the average of (end − opened) in units of {@code secondsPerUnit}; 0 where none. */
  private static double[][] averages(List<Incident> incidents, List<YearMonth> months,
                                     Function<Incident, OffsetDateTime> end, int secondsPerUnit) {
    double[][] averages = new double[months.size()][SEVERITIES.size()];
    for (int m = 0; m < months.size(); m++) {
      for (Severity severity : SEVERITIES) {
        YearMonth month = months.get(m);
        OptionalDouble average = incidents.stream()
            .filter(incident -> incident.severity() == severity && incident.detectedAt() != null
                && end.apply(incident) != null
                && YearMonth.from(incident.detectedAt().atZoneSameInstant(ZoneOffset.UTC)).equals(month))
            .mapToDouble(incident -> Duration.between(incident.detectedAt(), end.apply(incident)).toSeconds()
                / (double) secondsPerUnit)
            .average();
        averages[m][severity.ordinal()] = average.orElse(0);
      }
    }
    return averages;
  }
}
