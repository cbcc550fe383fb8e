package io.firebreak.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's job backlog, sampled once a second through {@code /engine-rest/job/count}: jobs due now
 * ({@code executable=true}: the asynchronous steps waiting for the job executor) and jobs whose last try failed
 * ({@code withException=true}: waiting for their retry, or given up as Cockpit incidents).
 */
final class JobBacklog implements AutoCloseable {

  record Sample(long epochMillis, long due, long failed) {
  }

  private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

  private final BenchSettings settings;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String auth;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile Sample latest;

  JobBacklog(BenchSettings settings) {
    this.settings = settings;
    this.auth = "Basic " + Base64.getEncoder().encodeToString(
        (settings.adminUser() + ":" + settings.adminPassword()).getBytes(StandardCharsets.UTF_8));
    this.sampler = new Thread(this::sample, "bench-job-backlog");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running) {
      try {
        long now = System.currentTimeMillis();
        Sample sample = new Sample(now, count("executable=true"), count("withException=true"));
        synchronized (samples) {
          samples.add(sample);
        }
        latest = sample;
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        System.out.println("[bench] job count failed: " + e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private long count(String query) throws Exception {
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
            URI.create(settings.baseUrl() + "/engine-rest/job/count?" + query))
        .header("Authorization", auth).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher count = COUNT.matcher(answer.body());
    if (answer.statusCode() != 200 || !count.find()) {
      throw new IllegalStateException("/engine-rest/job/count answered " + answer.statusCode() + " " + answer.body());
    }
    return Long.parseLong(count.group(1));
  }

  /** No job due at the last sample, which was taken after {@code sinceMillis}. */
  boolean idleSince(long sinceMillis) {
    Sample sample = latest;
    return sample != null && sample.epochMillis() > sinceMillis && sample.due() == 0;
  }

  /** Waits (at most {@code timeout}) until no job is due. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long start = System.currentTimeMillis();
    long until = System.nanoTime() + timeout.toNanos();
    while (!idleSince(start) && System.nanoTime() < until) {
      Thread.sleep(250);
    }
    return idleSince(start);
  }

  List<Sample> between(long fromMillis, long toMillis) {
    synchronized (samples) {
      return samples.stream().filter(s -> s.epochMillis() >= fromMillis && s.epochMillis() <= toMillis).toList();
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
