package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two Firebreak nodes, each a JVM of its own, started at the same moment on one empty PostgreSQL database: both
 * come up and serve (the start-up lock lets one create the schema, deployment and identities while the other
 * waits). Without it one of them dies creating Camunda's tables. PostgreSQL only.
 */
class NodesStartTogetherTest {

  private static final Logger log = LoggerFactory.getLogger(NodesStartTogetherTest.class);

  @Test
  void twoNodesStartedTogetherOnAnEmptyDatabaseBothServe() throws Exception {
    Postgres postgres = Postgres.orSkip("The two-node start test");
    String url = postgres.url(postgres.freshDatabase("nodes"));
    Instant started = Instant.now();
    try (FirebreakNode first = new FirebreakNode("together-1", url);
         FirebreakNode second = new FirebreakNode("together-2", url)) {
      first.start();
      second.start();
      first.awaitReady();
      second.awaitReady();
      log.info("both nodes ready {} s after starting together", Duration.between(started, Instant.now()).toSeconds());
      for (FirebreakNode node : new FirebreakNode[] {first, second}) {
        Http.Response accepted = node.http().bearer("demo-alerts-token").postJson("/api/alerts",
            "{\"source\":\"nodes\",\"fingerprint\":\"" + node.name + "\",\"title\":\"Checkout down on " + node.name
                + "\",\"severity\":\"critical\"}");
        assertThat(accepted.status()).as(node.name + ": " + accepted.body()).isEqualTo(202);
        assertThat(accepted.json().at("/alerts/0/outcome").asText()).as(node.name).isEqualTo("STARTED");
        assertThat(node.http().as("frida").get("/engine-rest/task").status()).as(node.name + " engine REST").isEqualTo(200);
      }
    }
    try (var connection = postgres.connect(url.substring(url.lastIndexOf('/') + 1));
         var statement = connection.createStatement();
         var groups = statement.executeQuery("SELECT COUNT(*) FROM ACT_ID_GROUP WHERE ID_ = 'first-responders'")) {
      groups.next();
      assertThat(groups.getInt(1)).as("groups created once").isEqualTo(1);
    }
  }
}
