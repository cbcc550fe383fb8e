package io.firebreak.integration;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an adapter keeps about an incident in its outside system beyond the links on the incident record: the Slack
 * summary message, the Statuspage components touched, the Opsgenie alert it paged with. Written in a transaction of its
 * own, so that a step failing later still finds what it created when its job is retried.
 */
@Repository
public class ExternalRefs {

  private final JdbcClient jdbc;

  ExternalRefs(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<String> find(String incidentKey, String name) {
    return jdbc.sql("SELECT ref_value FROM external_ref WHERE incident_key = :key AND name = :name")
        .param("key", incidentKey).param("name", name)
        .query(String.class)
        .optional();
  }

  /** Stores {@code value} and commits it now; replaces an earlier value. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void put(String incidentKey, String name, String value) {
    int updated = jdbc.sql("UPDATE external_ref SET ref_value = :value WHERE incident_key = :key AND name = :name")
        .param("value", value).param("key", incidentKey).param("name", name)
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO external_ref (incident_key, name, ref_value) VALUES (:key, :name, :value)")
          .param("key", incidentKey).param("name", name).param("value", value)
          .update();
    }
  }
}
