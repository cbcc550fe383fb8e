package io.firebreak.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own commit rate as the reference for alert throughput: {@code pgbench -N} (the simple-update script
 * without the contended branch and teller rows: one small transaction of three statements and a commit per try)
 * against a database of its own, initialised by {@code pgbench -i} for the run.
 */
final class Pgbench {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([A-Za-z0-9_]+)");

  private Pgbench() {
  }

  /** Transactions per second of {@code pgbench -N} with {@code clients} clients; the output is kept in the log. */
  static double tps(BenchSettings settings, int clients) throws IOException, InterruptedException, SQLException {
    Matcher url = JDBC.matcher(settings.pgbenchDbUrl());
    if (!url.matches()) {
      throw new IllegalArgumentException("bench.pgbench.db-url must look like jdbc:postgresql://host:port/name, not "
          + settings.pgbenchDbUrl());
    }
    String host = url.group(1);
    String port = url.group(2) == null ? "5432" : url.group(2);
    String database = url.group(3);
    createDatabase(host, port, database, settings);
    run(settings, List.of("pgbench", "-h", host, "-p", port, "-U", settings.pgbenchDbUser(), "-i", "-s", "1", "-q",
        database));
    String out = run(settings, List.of("pgbench", "-h", host, "-p", port, "-U", settings.pgbenchDbUser(), "-N",
        "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
        "-T", String.valueOf(Math.max(1, settings.pgbenchDuration().toSeconds())), database));
    Matcher tps = TPS.matcher(out);
    if (!tps.find()) {
      throw new IllegalStateException("pgbench printed no tps:\n" + out);
    }
    return Double.parseDouble(tps.group(1));
  }

  private static void createDatabase(String host, String port, String database, BenchSettings settings)
      throws SQLException {
    String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    try (var connection = DriverManager.getConnection(admin, settings.pgbenchDbUser(), settings.pgbenchDbPassword());
         var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (var rows = exists.executeQuery()) {
        if (!rows.next()) {
          try (var create = connection.createStatement()) {
            create.execute("CREATE DATABASE \"" + database + "\"");
          }
        }
      }
    }
  }

  private static String run(BenchSettings settings, List<String> command) throws IOException, InterruptedException {
    System.out.println("[bench] " + String.join(" ", command));
    var builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    if (!settings.pgbenchDbPassword().isEmpty()) {
      env.put("PGPASSWORD", settings.pgbenchDbPassword());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot run pgbench (PostgreSQL's client tools, e.g. Debian's postgresql-client): "
          + e.getMessage(), e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = process.waitFor();
    if (rc != 0) {
      throw new IllegalStateException(command.get(0) + " ended with " + rc + ":\n" + out);
    }
    System.out.println(out.strip().lines().filter(l -> !l.contains("of 100000 tuples"))
        .reduce((a, b) -> a + "\n" + b).orElse(""));
    return out;
  }
}
