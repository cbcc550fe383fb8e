package io.firebreak.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What one run measured, filled by the scenarios and, at the end, from the Slack fake's journal. */
final class Results {

  final Measure bare = new Measure("bare Camunda message start");
  final Measure quietNew = new Measure("new-incident alert, quiet");
  final Measure seed = new Measure("first alert of the duplicate");
  final Measure duplicates = new Measure("duplicate alert");
  final Measure newIncidents = new Measure("new-incident alert");
  final Measure stormNew = new Measure("storm: new alert");
  final Measure stormDuplicates = new Measure("storm: duplicate alert");
  final Measure stormResolved = new Measure("storm: resolution");

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
