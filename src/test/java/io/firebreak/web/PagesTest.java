package io.firebreak.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.postmortem.PostmortemArchive;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Firebreak's pages over real HTTP with the API's basic credentials: who reads what (the same rules as the API),
 * escaping, filters, search, charts, and notes through the form with its CSRF token.
 */
class PagesTest extends IncidentScenarios {

  static final String SCRIPT_TITLE = "<script>alert('pwned')</script> Checkout fails";
  static final String RAW_ALERT = "{\"labels\":{\"token\":\"raw-page-secret\"}}";
  static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @LocalServerPort
  int port;

  @Autowired
  PostmortemArchive archive;

  Http http;
  Incident incident;

  @BeforeEach
  void setUp() {
    http = Http.to(port);
    incident = declare(SCRIPT_TITLE, Severity.SEV2, "frida");
    incidents.appendTimeline(incident.key(), TimelineEntryType.ALERT_REPEATED, null, "Alert fired again", RAW_ALERT);
  }

  @Test
  void theIncidentsListShowsOpenIncidentsEscapedFiltersAndRefreshesItself() {
    Http.Response list = http.as("vera").getPage("/incidents");

    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.header("Content-Type")).startsWith("text/html");
    assertThat(list.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(list.body()).contains(incident.key(), "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; Checkout fails")
        .doesNotContain("<script>alert(")
        .contains("http-equiv=\"refresh\"");
    assertThat(openSection(list.body())).contains(incident.key());

    assertThat(http.as("vera").getPage("/incidents?severity=SEV2&stage=open").body()).contains(incident.key());
    assertThat(http.as("vera").getPage("/incidents?severity=SEV1").body()).doesNotContain(incident.key());
    assertThat(http.as("vera").getPage("/incidents?stage=closed").body()).doesNotContain(incident.key());
    Http.Response bogus = http.as("vera").getPage("/incidents?stage=bogus");
    assertThat(bogus.status()).isEqualTo(400);
    assertThat(bogus.body()).contains("OPEN, FIX, RESOLVED, IMPROVE, CLOSED");
  }

  @Test
  void everyPageTakesTheApiCredentialsAndTheReadersRule() {
    String[] pages = {"/incidents", "/incidents/" + incident.key(), "/postmortems", "/postmortems?q=x",
        "/insights"};
    createUser("loner", "loner-password");
    for (String page : pages) {
      Http.Response anonymous = http.getPage(page);
      assertThat(anonymous.status()).as(page).isEqualTo(401);
      assertThat(anonymous.header("WWW-Authenticate")).as(page).startsWith("Basic realm=\"Firebreak\"");
      assertThat(http.as("vera", "wrong").getPage(page).status()).as(page).isEqualTo(401);
      for (Http refused : new Http[] {http.as("paula"), http.as("loner", "loner-password")}) {
        Http.Response forbidden = refused.getPage(page);
        assertThat(forbidden.status()).as(page).isEqualTo(403);
        assertThat(forbidden.header("Content-Type")).as(page).startsWith("text/html");
        assertThat(forbidden.body()).as(page).contains("incident-viewers").doesNotContain("Checkout fails");
      }
      assertThat(http.as("vera").getPage(page).status()).as(page).isEqualTo(200);
    }
    assertThat(http.as("vera").getPage("/incidents/INC-0").status()).isEqualTo(404);
  }

  /** Without an IdP (this context has none): the sign-in page says basic auth works, the pages never redirect. */
  @Test
  void withoutAnIdpTheSignInPageSaysBasicAuthWorks() {
    Http.Response signIn = http.getPage("/sign-in");

    assertThat(signIn.status()).isEqualTo(200);
    assertThat(signIn.body()).contains("This installation has no company sign-in", "HTTP basic")
        .doesNotContain("Sign in with").doesNotContain("/oauth2/authorization/");
    assertThat(http.getPage("/incidents").status()).isEqualTo(401);
    assertThat(http.getPage("/oauth2/authorization/firebreak").status()).isGreaterThanOrEqualTo(400).isLessThan(500);
    assertThat(http.getPage("/login/oauth2/code/firebreak?code=x&state=y").status()).isGreaterThanOrEqualTo(400)
        .isLessThan(500);
  }

  @Test
  void theIncidentPageShowsRawPayloadsToRespondersOnlyAndTheNoteFormToThoseWhoMayAct() {
    Http.Response responder = http.as("frida").getPage("/incidents/" + incident.key().toLowerCase());
    Http.Response viewer = http.as("vera").getPage("/incidents/" + incident.key());

    assertThat(responder.status()).isEqualTo(200);
    assertThat(responder.body()).contains("raw-page-secret", "id=\"note-form\"", "Open tasks", "Take the Incident Manager role",
        "/app/tasklist/default/#/?task=", "&lt;script&gt;alert(");
    assertThat(viewer.status()).isEqualTo(200);
    assertThat(viewer.body()).contains("Alert fired again", "Take the Incident Manager role")
        .doesNotContain("raw-page-secret").doesNotContain("note-form").doesNotContain("<script>alert(");
  }

  @Test
  void aResponderAddsANoteThroughTheFormWithItsCsrfTokenAndNobodyWithoutIt() {
    String path = "/incidents/" + incident.key() + "/notes";
    Http frida = http.as("frida");
    Http.Response page = frida.getPage("/incidents/" + incident.key());
    String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    Matcher field = CSRF_FIELD.matcher(page.body());
    assertThat(field.find()).as("the form's CSRF field").isTrue();
    String token = field.group(1);

    assertThat(frida.postForm(path, "text=no+token").status()).isEqualTo(403);
    assertThat(frida.postForm(path, "text=no+cookie&_csrf=" + encode(token)).status()).isEqualTo(403);
    assertThat(frida.header("Cookie", cookie).postForm(path, "text=forged&_csrf=forged").status()).isEqualTo(403);
    Http.Response blank = frida.header("Cookie", cookie).postForm(path, "text=+&_csrf=" + encode(token));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body()).contains("a note needs a text");
    Http.Response viewer = http.as("vera").header("Cookie", cookie)
        .postForm(path, "text=" + encode("let me in") + "&_csrf=" + encode(token));
    assertThat(viewer.status()).isEqualTo(403);

    Http.Response added = frida.header("Cookie", cookie)
        .postForm(path, "text=" + encode("Rolled back <b>1.4.2</b>") + "&_csrf=" + encode(token));

    assertThat(added.status()).as(added.body()).isEqualTo(302);
    assertThat(added.header("Location")).endsWith("/incidents/" + incident.key() + "#timeline");
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.NOTE)
        .singleElement().satisfies(note -> {
          assertThat(note.actor()).isEqualTo("frida");
          assertThat(note.message()).isEqualTo("Rolled back <b>1.4.2</b>");
        });
    assertThat(http.as("vera").getPage("/incidents/" + incident.key()).body())
        .contains("Rolled back &lt;b&gt;1.4.2&lt;/b&gt;");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(IncidentProcess.NOTE_KEY)
        .processInstanceBusinessKey(incident.key()).count()).as("the note on its way to the channel").isEqualTo(1);
  }

  @Test
  void theApiTakesNotesFromRespondersAsJsonAndRefusesViewersAndBlankNotes() {
    String path = "/api/incidents/" + incident.key() + "/notes";

    Http.Response added = http.as("frida").postJson(path, "{\"text\": \"  Restarted the workers \"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().get("type").asText()).isEqualTo("NOTE");
    assertThat(added.json().get("actor").asText()).isEqualTo("frida");
    assertThat(added.json().get("message").asText()).isEqualTo("Restarted the workers");

    Http.Response blank = http.as("frida").postJson(path, "{\"text\": \"\"}");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.header("Content-Type")).startsWith("application/problem+json");
    Http.Response viewer = http.as("vera").postJson(path, "{\"text\": \"hello\"}");
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(viewer.json().get("detail").asText()).contains("first-responders");
    assertThat(http.as("frida").postJson("/api/incidents/INC-0/notes", "{\"text\": \"x\"}").status()).isEqualTo(404);
    assertThat(http.as("frida").postJson(path, "[1]").status()).isEqualTo(400);
  }

  @Test
  void thePostmortemArchiveFindsByAWordAndRendersTheMarkdownWithoutScript() {
    String word = "zebrafish" + System.nanoTime();
    archive.begin(incident.key(), incident.title(), "SEV2");
    archive.publish(incident.key(), "# Postmortem " + incident.key() + "\n\n## Summary\n\nThe " + word
        + " cache expired.\n\n<script>alert('md')</script>\n\n[click](javascript:alert(1))\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        "https://github.com/acme/postmortems/pull/99", OffsetDateTime.now());

    Http.Response found = http.as("vera").getPage("/postmortems?q=" + word);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body()).contains("/postmortems/" + incident.key()).doesNotContain("<script>alert(");
    assertThat(http.as("vera").getPage("/postmortems?q=nothing" + word).body())
        .doesNotContain("/postmortems/" + incident.key());
    assertThat(http.as("vera").getPage("/postmortems").body()).contains("/postmortems/" + incident.key());
    assertThat(http.as("vera").getPage("/postmortems?q=" + "x".repeat(201)).status()).isEqualTo(400);

    Http.Response one = http.as("vera").getPage("/postmortems/" + incident.key());
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body()).contains("<h2>Summary</h2>", word, "<table>", "&lt;script&gt;alert('md')&lt;/script&gt;",
            "https://github.com/acme/postmortems/pull/99", "/incidents/" + incident.key())
        .doesNotContain("<script>alert(").doesNotContain("javascript:");
    assertThat(http.as("vera").getPage("/postmortems/INC-0").status()).isEqualTo(404);
  }

  @Test
  void insightsDrawTheirChartsAsSvg() {
    Http.Response insights = http.as("vera").getPage("/insights");

    assertThat(insights.status()).isEqualTo(200);
    assertThat(insights.body()).contains("<svg", "Time to acknowledge", "Time to resolve", "Incidents by source",
        "Action items", "SEV1", "SEV4").doesNotContain("<script>alert(");
  }

  private static String openSection(String body) {
    int open = body.indexOf("<h2>Open</h2>");
    int recent = body.indexOf("<h2>Recent</h2>");
    return body.substring(open, recent);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
