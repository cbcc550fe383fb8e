package io.firebreak.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How busy the server's JIT compiler is: its total compilation time ({@code jvm_compilation_time_ms_total} of
 * {@code /actuator/prometheus}, with the scrape token) sampled once a second. Unknown (NaN) when the endpoint does not
 * answer with it, for example without {@code FIREBREAK_METRICS_TOKEN} on the server.
 */
final class ServerCompiler implements AutoCloseable {

  private static final Pattern COMPILATION = Pattern.compile("(?m)^jvm_compilation_time_ms_total\\{[^}]*}\\s+(\\S+)");

  private record Sample(long nanos, double compileMillis) {
  }

  private final BenchSettings settings;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Deque<Sample> samples = new ArrayDeque<>();
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile String unavailable;

  ServerCompiler(BenchSettings settings) {
    this.settings = settings;
    this.sampler = new Thread(this::sample, "bench-server-compiler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running && unavailable == null) {
      try {
        double millis = compileMillis();
        synchronized (samples) {
          samples.addLast(new Sample(System.nanoTime(), millis));
          while (samples.size() > 120) {
            samples.removeFirst();
          }
        }
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        unavailable = e.getMessage();
        System.out.println("[bench] the server's JIT compilation time is not available (" + unavailable
            + "): the warm-up goes by the repeats' rate alone");
      }
    }
  }

  private double compileMillis() throws Exception {
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
            URI.create(settings.baseUrl() + "/actuator/prometheus"))
        .header("Authorization", "Bearer " + settings.metricsToken()).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher compilation = COMPILATION.matcher(answer.body());
    if (answer.statusCode() != 200 || !compilation.find()) {
      throw new IllegalStateException("/actuator/prometheus answered " + answer.statusCode()
          + (answer.statusCode() == 200 ? " without jvm_compilation_time_ms_total" : ""));
    }
    return Double.parseDouble(compilation.group(1));
  }

  /** Milliseconds the server's JIT compiled within the last {@code window}; NaN while unknown. */
  double compiledWithin(Duration window) {
    if (unavailable != null) {
      return Double.NaN;
    }
    synchronized (samples) {
      if (samples.size() < 2) {
        return Double.NaN;
      }
      Sample last = samples.peekLast();
      Sample from = null;
      for (Sample sample : samples) {
        if (last.nanos() - sample.nanos() <= window.toNanos()) {
          from = sample;
          break;
        }
      }
      if (from == null || from == last || last.nanos() - from.nanos() < window.toNanos() * 8 / 10) {
        return Double.NaN;
      }
      return (last.compileMillis() - from.compileMillis()) * window.toNanos() / (last.nanos() - from.nanos());
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
