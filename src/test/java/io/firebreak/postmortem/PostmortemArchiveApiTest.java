package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class PostmortemArchiveApiTest extends IncidentScenarios {

  @LocalServerPort
  int port;

  @Autowired
  PostmortemArchive archive;

  Http frida;
  String run;

  @BeforeEach
  void clients() {
    frida = Http.to(port).as("frida");
    run = "quokka" + System.nanoTime();
  }

  @Test
  void publishedPostmortemsAreListedNewestFirstAndFoundByTheirWords() {
    OffsetDateTime now = OffsetDateTime.now();
    String disk = published("Uploads fail", "A storage node ran out of disk. " + run, now.minusDays(2));
    String certificate = published("Login fails", "An expired certificate on the gateway. " + run, now.minusDays(1));
    String both = published("Exports stuck", "Disk full after the certificate rotation. " + run, now);
    Incident unpublished = declare("Still in review " + run, Severity.SEV3, "frida");
    archive.begin(unpublished.key(), unpublished.title(), "SEV3");

    assertThat(keys(frida.get("/api/postmortems?q=" + run))).containsExactly(both, certificate, disk);
    assertThat(keys(frida.get("/api/postmortems?q=" + encode("disk " + run)))).containsExactly(both, disk);
    assertThat(keys(frida.get("/api/postmortems?q=" + encode("certificate disk " + run)))).containsExactly(both);
    assertThat(keys(frida.get("/api/postmortems?limit=1000"))).containsSubsequence(both, certificate, disk)
        .doesNotContain(unpublished.key());

    JsonNode first = frida.get("/api/postmortems?q=" + run).json().get(0);
    assertThat(first.get("title").asText()).isEqualTo("Exports stuck");
    assertThat(first.get("severity").asText()).isEqualTo("SEV2");
    assertThat(first.get("reviewUrl").asText()).isEqualTo("https://github.example/acme/postmortems/pull/" + both);
  }

  @Test
  void aPublishedPostmortemIsReadAsMarkdown() {
    String key = published("Search slow", "# Postmortem\n\nSearch was slow. " + run, OffsetDateTime.now());

    Http.Response markdown = frida.get("/api/postmortems/" + key);

    assertThat(markdown.status()).isEqualTo(200);
    assertThat(markdown.header("Content-Type")).isEqualTo("text/markdown;charset=UTF-8");
    assertThat(markdown.body()).isEqualTo("# Postmortem\n\nSearch was slow. " + run);
  }

  @Test
  void unknownOrUnpublishedPostmortemsAre404AndBadQueries400AsJson() {
    Incident inReview = declare("Reviewing " + run, Severity.SEV3, "frida");
    archive.begin(inReview.key(), inReview.title(), "SEV3");

    Http.Response missing = frida.get("/api/postmortems/" + inReview.key());
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("detail").asText()).isEqualTo("no published postmortem for " + inReview.key());

    Http.Response tooLong = frida.get("/api/postmortems?q=" + "x".repeat(201));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("detail").asText()).contains("q");

    assertThat(Http.to(port).get("/api/postmortems").status()).isEqualTo(401);
  }

  private String published(String title, String markdown, OffsetDateTime at) {
    Incident incident = declare(title, Severity.SEV2, "frida");
    archive.begin(incident.key(), title, "SEV2");
    archive.begin(incident.key(), "a second begin changes nothing", "SEV4");
    archive.publish(incident.key(), markdown, "https://github.example/acme/postmortems/pull/" + incident.key(), at);
    return incident.key();
  }

  private static List<String> keys(Http.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    response.json().forEach(node -> keys.add(node.get("incidentKey").asText()));
    return keys;
  }

  private static String encode(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }
}
