package io.firebreak.incident;

import io.firebreak.incident.IncidentRepository.NewIncident;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Our tables without Spring or the engine, for the plain unit tests of the rules: a fresh in-memory H2 database per
 * instance, migrated by Flyway from the application's own migrations, and the real repository classes over it.
 */
public final class IncidentTables {

  private final DataSource dataSource;
  private final IncidentRepository incidents;
  private int next;

  public IncidentTables() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:rules-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    this.dataSource = h2;
    Flyway.configure().dataSource(h2).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
    this.incidents = new IncidentRepository(JdbcClient.create(h2), new NamedParameterJdbcTemplate(h2));
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  public IncidentRepository incidents() {
    return incidents;
  }

  /** Records an incident in the Fix (as "Record the incident" and the stages do) and returns its key. */
  public String recordIncident(String title, Severity severity, boolean customerFacing) {
    next++;
    String key = "INC-" + next;
    incidents.insert(new NewIncident(key, title, null, severity, severity.defaultImpact(), customerFacing, null,
        "production", "manual", null, "process-" + next, OffsetDateTime.now().minusHours(1)));
    incidents.updateStage(key, Stage.FIX);
    return key;
  }

  /** {@code communication.dmn} from {@code processes/}, evaluated by Camunda's DMN engine alone (no process engine). */
  public static CommunicationPolicy communicationDecision() {
    var engine = org.camunda.bpm.dmn.engine.DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    org.camunda.bpm.dmn.engine.DmnDecision decision;
    try (var model = java.nio.file.Files.newInputStream(java.nio.file.Path.of("processes", "communication.dmn"))) {
      decision = engine.parseDecision(SeverityResponse.DECISION, model);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return (severity, impact, customerFacing) -> {
      var result = engine.evaluateDecisionTable(decision, org.camunda.bpm.engine.variable.Variables.createVariables()
          .putValue(IncidentProcess.Variables.SEVERITY, severity.name())
          .putValue(IncidentProcess.Variables.IMPACT, impact.value())
          .putValue(IncidentProcess.Variables.CUSTOMER_FACING, customerFacing)).getSingleResult();
      return result != null && Boolean.TRUE.equals(result.getEntry("statusPage"));
    };
  }
}
