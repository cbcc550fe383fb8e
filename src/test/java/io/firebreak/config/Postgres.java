package io.firebreak.config;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of the test run ({@code SPRING_PROFILES_ACTIVE=postgres,…} with {@code FIREBREAK_DB_URL}), for
 * tests that need databases of their own next to the suite's: each gets a fresh, empty one named after the suite's
 * database. On H2 those tests are skipped, with the reason in {@code target/surefire-reports/}.
 */
final class Postgres {

  private static final Logger log = LoggerFactory.getLogger(Postgres.class);

  final String host;
  final int port;
  final String suiteDatabase;
  final String user;
  final String password;

  private Postgres(String host, int port, String suiteDatabase, String user, String password) {
    this.host = host;
    this.port = port;
    this.suiteDatabase = suiteDatabase;
    this.user = user;
    this.password = password;
  }

  /** The server, or the test is skipped when the suite runs on H2. */
  static Postgres orSkip(String what) {
    String profiles = System.getenv().getOrDefault("SPRING_PROFILES_ACTIVE", "");
    String url = System.getenv().getOrDefault("FIREBREAK_DB_URL", "");
    if (!profiles.contains("postgres") || !url.startsWith("jdbc:postgresql://")) {
      String message = what + " runs on PostgreSQL, not on the embedded H2: .ci/run runs it, or "
          + "SPRING_PROFILES_ACTIVE=postgres,demo FIREBREAK_DB_URL=jdbc:postgresql://127.0.0.1:5432/<db> ./mvnw verify";
      log.warn("SKIPPED: {}", message);
      Assumptions.abort(message);
    }
    URI uri = URI.create(url.substring("jdbc:".length()));
    String database = uri.getPath().substring(1);
    return new Postgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database,
        System.getenv().getOrDefault("FIREBREAK_DB_USER", "postgres"),
        System.getenv().getOrDefault("FIREBREAK_DB_PASSWORD", ""));
  }

  /** A new empty database {@code <suite database>_<suffix>} (dropped first if a previous run left it). */
  String freshDatabase(String suffix) throws SQLException {
    String name = suiteDatabase + "_" + suffix;
    try (Connection connection = DriverManager.getConnection(url("postgres"), user, password);
         Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  String url(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), user, password);
  }
}
