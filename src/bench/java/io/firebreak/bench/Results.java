package io.firebreak.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What one run measured, filled by the scenarios and, at the end, from the Slack fake's journal. */
final class Results {

  final Measure warmUp = new Measure("warm-up (not in the table)");
  /** The warm-up's repeats: until their rate stopped rising. */
  Plateau warmUpRepeats;
  final Measure bare = new Measure("bare Camunda message start");
  final Measure quietNew = new Measure("new-incident alert, quiet");
  final Measure seed = new Measure("first alert of the duplicate");
  final Measure duplicates = new Measure("duplicate alert");
  final Measure newIncidents = new Measure("new-incident alert");
  final Measure stormNew = new Measure("storm: new alert");
  final Measure stormDuplicates = new Measure("storm: duplicate alert");
  final Measure stormResolved = new Measure("storm: resolution");

  /** Per wait for the engine (its scenario's name): how long it waited, and whether it ended by the drain timeout. */
  final Map<String, String> waits = Collections.synchronizedMap(new java.util.LinkedHashMap<>());

  /** Incident key → epoch ms of the alert's answer. */
  final Map<String, Long> quietAnswers = new ConcurrentHashMap<>();
  final Map<String, Long> stormAnswers = new ConcurrentHashMap<>();

  double pgbenchTps;
  final List<Double> quietChannelMs = new ArrayList<>();
  final List<Double> stormChannelMs = new ArrayList<>();
  int quietMissing;
  int stormMissing;
  /** From the storm's first answered new alert to the last of its channels created, and after its last answer. */
  double stormChannelsPerSecond = Double.NaN;
  double drainAfterStormSeconds = Double.NaN;
  double stormStartedPerSecond = Double.NaN;

  long backlogPeak = -1;
  double backlogBuiltPerSecond = Double.NaN;
  double backlogDrainedPerSecond = Double.NaN;
  double backlogEmptyAfterStormSeconds = Double.NaN;
  long failedJobsPeak = -1;
  long failedJobsAtEnd = -1;
  long stormFirstAnswer;
  long stormLastAnswer;

  /**
   * The engine's backlog during the storm: its peak, how fast it grew to it from the storm's first alert, how fast it
   * emptied from there, and when it was empty after the storm's last alert; failed jobs over the whole run.
   */
  void collectBacklog(JobBacklog backlog) {
    List<JobBacklog.Sample> all = backlog.between(0, Long.MAX_VALUE);
    failedJobsPeak = all.stream().mapToLong(JobBacklog.Sample::failed).max().orElse(-1);
    failedJobsAtEnd = all.isEmpty() ? -1 : all.get(all.size() - 1).failed();
    if (stormAnswers.isEmpty()) {
      return;
    }
    List<JobBacklog.Sample> storm = backlog.between(stormFirstAnswer - 1000, Long.MAX_VALUE);
    JobBacklog.Sample peak = storm.stream().max(java.util.Comparator.comparingLong(JobBacklog.Sample::due))
        .orElse(null);
    if (peak == null) {
      return;
    }
    backlogPeak = peak.due();
    backlogBuiltPerSecond = peak.epochMillis() > stormFirstAnswer
        ? peak.due() / ((peak.epochMillis() - stormFirstAnswer) / 1000.0) : Double.NaN;
    storm.stream().filter(s -> s.epochMillis() > peak.epochMillis() && s.due() == 0).findFirst().ifPresent(empty -> {
      backlogDrainedPerSecond = peak.due() / ((empty.epochMillis() - peak.epochMillis()) / 1000.0);
      backlogEmptyAfterStormSeconds = Math.max(0, empty.epochMillis() - stormLastAnswer) / 1000.0;
    });
  }

  /** Waits until every measured incident has its channel (at most {@code timeout}), then the latencies. */
  void collectChannels(SlackFake slack, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    Map<String, Long> created = slack.channelsCreated();
    while (!(created.keySet().containsAll(quietAnswers.keySet())
        && created.keySet().containsAll(stormAnswers.keySet())) && System.nanoTime() < until) {
      Thread.sleep(500);
      created = slack.channelsCreated();
    }
    quietMissing = latencies(quietAnswers, created, quietChannelMs);
    stormMissing = latencies(stormAnswers, created, stormChannelMs);
    if (!stormAnswers.isEmpty()) {
      long firstAnswer = Collections.min(stormAnswers.values());
      long lastAnswer = Collections.max(stormAnswers.values());
      stormFirstAnswer = firstAnswer;
      stormLastAnswer = lastAnswer;
      long lastChannel = stormAnswers.keySet().stream().filter(created::containsKey).mapToLong(created::get)
          .max().orElse(lastAnswer);
      int channels = stormAnswers.size() - stormMissing;
      stormChannelsPerSecond = lastChannel > firstAnswer ? channels / ((lastChannel - firstAnswer) / 1000.0) : 0;
      stormStartedPerSecond = lastAnswer > firstAnswer ? stormAnswers.size() / ((lastAnswer - firstAnswer) / 1000.0)
          : Double.NaN;
      drainAfterStormSeconds = Math.max(0, lastChannel - lastAnswer) / 1000.0;
    }
  }

  private static int latencies(Map<String, Long> answers, Map<String, Long> created, List<Double> into) {
    int missing = 0;
    for (var answer : answers.entrySet()) {
      Long channel = created.get(answer.getKey());
      if (channel == null) {
        missing++;
      } else {
        into.add((double) (channel - answer.getValue()));
      }
    }
    Collections.sort(into);
    return missing;
  }
}
