package io.firebreak.config;

import io.firebreak.FirebreakApplication;
import io.firebreak.Http;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Firebreak in a JVM of its own, started from this test JVM's class path, with its job executor on (the test
 * configuration turns it off) and its log in {@code target/nodes/<name>.log}. It is killed as a crash kills it:
 * SIGKILL, no shutdown hook, no unlocking of jobs.
 */
final class FirebreakNode implements AutoCloseable {

  static final Path LOGS = Path.of("target", "nodes");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  final String name;
  final int port;
  private final String databaseUrl;
  private final List<String> extraArguments;
  private Process process;

  FirebreakNode(String name, String databaseUrl, String... extraArguments) {
    this.name = name;
    this.port = freePort();
    this.databaseUrl = databaseUrl;
    this.extraArguments = List.of(extraArguments);
  }

  /** Starts the JVM (appending to its log, so a restart keeps the crash's log); returns without waiting. */
  FirebreakNode start() throws IOException {
    Files.createDirectories(LOGS);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", classPath(),
        FirebreakApplication.class.getName(),
        "--server.port=" + port,
        "--spring.datasource.url=" + databaseUrl,
        "--camunda.bpm.job-execution.enabled=true",
        "--firebreak.node-name=" + name,
        "--firebreak.alerts.storm-guard.enabled=false",
        "--logging.level.org.camunda.bpm.engine.jobexecutor=info"));
    command.addAll(extraArguments);
    File log = LOGS.resolve(name + ".log").toFile();
    process = new ProcessBuilder(command)
        .directory(LOGS.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .start();
    return this;
  }

  /** Waits until the node's readiness is UP; fails when the JVM died or took too long (see its log). */
  FirebreakNode awaitReady() throws InterruptedException {
    Instant giveUp = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(giveUp)) {
      if (!process.isAlive()) {
        throw new AssertionError("node " + name + " exited with " + process.exitValue() + " while starting; see "
            + LOGS.resolve(name + ".log"));
      }
      try {
        if (http().get("/actuator/health/readiness").status() == 200) {
          return this;
        }
      } catch (IllegalStateException notListeningYet) {
        // connection refused until the web server is up
      }
      Thread.sleep(500);
    }
    throw new AssertionError("node " + name + " not ready within " + START_TIMEOUT + "; see " + LOGS.resolve(name + ".log"));
  }

  Http http() {
    return Http.to(port);
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, as the kernel's OOM killer or a pulled plug: nothing of Firebreak runs afterwards. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /**
   * This JVM's class path without its empty entries: those mean "the working directory", the repository root,
   * whose processes/ and forms/ would be deployed a second time next to the copies in target/classes.
   */
  private static String classPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank() && !entry.equals("."))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
