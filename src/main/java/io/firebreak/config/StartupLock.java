package io.firebreak.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Nodes that start together on one empty PostgreSQL database take turns with their start-up writes: Camunda's schema
 * creation (two nodes creating the same tables collide in PostgreSQL's catalogue), the deployment and the admin
 * user, and {@link IdentitySetup}'s groups, authorizations and filters. The first node holds a PostgreSQL advisory
 * lock on a connection of its own from before the engine's schema operations (which run between
 * {@code postInit} and {@code postProcessEngineBuild}) until its identity set-up is done; the others wait for it,
 * then find everything in place. Flyway locks itself; H2 is embedded, with one node per database, and needs nothing.
 */
@Component
public class StartupLock extends AbstractProcessEnginePlugin implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

  /** The advisory lock's key: "Firebre" in ASCII, a 64-bit number nothing else uses. */
  static final long KEY = 0x46697265627265L;

  private static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final DataSource dataSource;
  private Connection held;

  StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    acquire();
  }

  /** Another node may hold it for as long as its start takes; try-lock in a loop so no statement timeout applies. */
  synchronized void acquire() {
    if (held != null) {
      return;
    }
    if (Database.POSTGRESQL != Database.of(dataSource)) {
      return;
    }
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      Instant giveUp = Instant.now().plus(MAX_WAIT);
      boolean waited = false;
      while (!tryLock(connection)) {
        if (Instant.now().isAfter(giveUp)) {
          throw new IllegalStateException("another Firebreak node has been starting for over " + MAX_WAIT.toMinutes()
              + " minutes; it holds the start-up lock (pg_advisory_lock " + KEY + ")");
        }
        if (!waited) {
          log.info("Another Firebreak node is starting on this database; waiting for its start-up writes");
          waited = true;
        }
        Thread.sleep(250);
      }
      held = connection;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take the start-up lock on the database", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the start-up lock", e);
    } finally {
      if (held != connection) {
        closeQuietly(connection);
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing the start-up lock's connection: {}", e.toString());
      }
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, KEY);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    // Held on: the starter deploys after this and IdentitySetup writes when the application is ready; it releases.
  }

  /** The start-up writes are done (or failed): the next node may go. */
  public synchronized void release() {
    if (held == null) {
      return;
    }
    try (Connection connection = held) {
      try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        statement.setLong(1, KEY);
        statement.execute();
      }
    } catch (SQLException e) {
      // Closing the connection ends its session, and the session's advisory locks with it.
      log.debug("releasing the start-up lock: {}", e.toString());
    } finally {
      held = null;
    }
  }

  @Override
  public void destroy() {
    release();
  }
}
