package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The incident list on the real database (the tests' H2, or PostgreSQL with the postgres profile) without the engine:
 * each listed incident carries its own roles, read in one query for the whole list. Rolled back after each test.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({IncidentRepository.class, IncidentRepositoryListTest.CountingSelects.class})
class IncidentRepositoryListTest {

  private static final AtomicInteger selects = new AtomicInteger();
  private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 2, 14, 0, 0, 0, ZoneOffset.UTC);

  @Autowired
  IncidentRepository incidents;

  @Autowired
  JdbcClient jdbc;

  @Test
  void everyListedIncidentCarriesItsOwnRolesReadInOneQuery() {
    long first = jdbc.sql("SELECT COALESCE(MAX(incident_number), 0) FROM incident").query(Long.class).single() + 1;
    String quiet = record(first, "Nobody took it yet");
    String manned = record(first + 1, "Checkout down");
    incidents.assignRole(manned, Role.FIRST_RESPONDER, List.of("frida"), AT);
    incidents.assignRole(manned, Role.INCIDENT_MANAGER, List.of("ivan"), AT.plusMinutes(1));
    incidents.assignRole(manned, Role.COMMUNICATIONS_MANAGER, List.of("carla"), AT.plusMinutes(2));
    incidents.assignRole(manned, Role.DOMAIN_EXPERT, List.of("dora", "dan"), AT.plusMinutes(3));
    String other = record(first + 2, "Queue backlog");
    incidents.assignRole(other, Role.FIRST_RESPONDER, List.of("dan"), AT);
    incidents.assignRole(other, Role.INCIDENT_MANAGER, List.of("frida"), AT.plusMinutes(5));

    selects.set(0);
    List<Incident> listed = incidents.list(null, 3);
    int queries = selects.get();

    assertThat(listed).extracting(Incident::key).containsExactly(other, manned, quiet);
    assertThat(listed.get(0).roles()).isEqualTo(new Incident.Roles("dan", "frida", null, List.of()));
    assertThat(listed.get(1).roles()).isEqualTo(new Incident.Roles("frida", "ivan", "carla", List.of("dan", "dora")));
    assertThat(listed.get(2).roles()).isEqualTo(Incident.Roles.NONE);
    assertThat(listed.get(1)).as("the rest of the record as a single read gives it").isEqualTo(incidents.get(manned));
    assertThat(queries).as("the incidents, then the roles of all of them").isEqualTo(2);
  }

  @Test
  void aStageWithNoIncidentsListsNothing() {
    // rolled back after the test, like everything here
    jdbc.sql("UPDATE incident SET stage = :open WHERE stage = :closed")
        .param("open", Stage.OPEN.name()).param("closed", Stage.CLOSED.name()).update();

    assertThat(incidents.list(Stage.CLOSED, 1000)).isEmpty();
  }

  private String record(long number, String title) {
    String key = "INC-" + number;
    incidents.insert(new IncidentRepository.NewIncident(key, title, null, Severity.SEV2, Impact.MAJOR, true, null,
        null, "manual", null, "no-process-" + number, AT));
    return key;
  }

  /** Counts the SELECT statements the repository prepares, through a wrapper around the real data source. */
  @TestConfiguration
  static class CountingSelects {

    @Bean
    static BeanPostProcessor countSelects() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (!(bean instanceof DataSource dataSource)) {
            return bean;
          }
          return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
              return counting(super.getConnection());
            }
          };
        }
      };
    }

    private static Connection counting(Connection connection) {
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql
                && sql.strip().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
              selects.incrementAndGet();
            }
            try {
              return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}
