package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.ConnectedFirebreakTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sign-in with OpenID Connect on the pages, against a real OpenID Connect provider on loopback (mock-oauth2-server,
 * configured in {@link ConnectedFirebreakTest}) and over real HTTP, as a browser does it: cookies kept, every redirect
 * followed by hand so each step is seen. The IdP's e-mail finds the Camunda user (ivan adds notes as ivan); an employee
 * without one reads as a viewer; basic auth keeps working without a redirect; a forged or absent state fails the login.
 * The Camunda webapps take the same sign-in (ivan is ivan in Tasklist, a viewer gets no Cockpit), their own login
 * stays for everyone else, and the sign-out (the pages' or a webapp's) ends both.
 */
class OidcSignInTest extends ConnectedFirebreakTest {

  static final String RAW_ALERT = "{\"labels\":{\"token\":\"raw-oidc-secret\"}}";
  static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  static final Pattern STATE = Pattern.compile("([?&]state=)([^&]+)");

  @LocalServerPort
  int port;

  Incident incident;

  @BeforeEach
  void anIncidentWithARawAlert() {
    incident = declare("Checkout fails for some", Severity.SEV3, "frida");
    incidents.appendTimeline(incident.key(), TimelineEntryType.ALERT_REPEATED, null, "Alert fired again", RAW_ALERT);
  }

  /** A browser: keeps its cookies, follows no redirect by itself. */
  final class Browser {
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String url) {
      return send(HttpRequest.newBuilder(absolute(url)).GET());
    }

    HttpResponse<String> postForm(String url, String form) {
      return send(HttpRequest.newBuilder(absolute(url)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** GET, then every redirect, as a browser does; the last answer. */
    HttpResponse<String> follow(String url) {
      HttpResponse<String> answer = get(url);
      for (int hops = 0; answer.statusCode() / 100 == 3 && hops < 10; hops++) {
        answer = get(location(answer));
      }
      return answer;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  URI absolute(String url) {
    return URI.create(url.startsWith("http") ? url : "http://127.0.0.1:" + port + url);
  }

  static String location(HttpResponse<String> answer) {
    return answer.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
        "no Location in a " + answer.statusCode() + ": " + answer.body()));
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * The way through the sign-in from a page: the page sends the browser to the sign-in page, its button to the IdP,
   * whose login form signs the employee in with these claims and sends the browser back with a code; the answer of
   * Firebreak's callback (at the URL {@code callback} makes of the IdP's).
   */
  HttpResponse<String> signInFrom(Browser browser, String page, String subject, Map<String, Object> claims,
                                  java.util.function.UnaryOperator<String> callback) {
    HttpResponse<String> asked = browser.get(page);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(302);
    assertThat(location(asked)).endsWith("/sign-in");
    HttpResponse<String> signInPage = browser.get(location(asked));
    assertThat(signInPage.statusCode()).isEqualTo(200);
    assertThat(signInPage.body()).contains("Sign in with Acme Login", "href=\"/oauth2/authorization/firebreak\"");
    HttpResponse<String> toTheIdp = browser.get("/oauth2/authorization/firebreak");
    assertThat(toTheIdp.statusCode()).isEqualTo(302);
    String authorize = location(toTheIdp);
    assertThat(authorize).startsWith(idp.issuerUrl(IDP_ISSUER).toString()).contains("client_id=" + IDP_CLIENT,
        "scope=openid%20email%20profile", "state=", "nonce=",
        "redirect_uri=http://127.0.0.1:" + port + "/login/oauth2/code/firebreak");
    HttpResponse<String> loginForm = browser.get(authorize);
    assertThat(loginForm.statusCode()).isEqualTo(200);
    assertThat(loginForm.body()).contains("name=\"username\"", "name=\"claims\"");
    HttpResponse<String> back;
    try {
      back = browser.postForm(authorize, "username=" + encode(subject) + "&claims="
          + encode(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(claims)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    assertThat(back.statusCode()).isEqualTo(302);
    assertThat(location(back)).startsWith("http://127.0.0.1:" + port + "/login/oauth2/code/firebreak?code=");
    return browser.get(callback.apply(location(back)));
  }

  HttpResponse<String> signIn(Browser browser, String page, Map<String, Object> claims) {
    HttpResponse<String> signedIn = signInFrom(browser, page, String.valueOf(claims.get("email")), claims, url -> url);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    assertThat(location(signedIn)).as("back to the page asked for").contains(page);
    return browser.follow(location(signedIn));
  }

  @Test
  void aBrowserWithoutCredentialsIsSentToTheSignInScriptsKeepBasicAuth() {
    Browser browser = new Browser();
    for (String page : List.of("/incidents", "/incidents/" + incident.key(), "/postmortems", "/postmortems/INC-1",
        "/insights")) {
      HttpResponse<String> asked = browser.get(page);
      assertThat(asked.statusCode()).as(page).isEqualTo(302);
      assertThat(location(asked)).as(page).isEqualTo("http://127.0.0.1:" + port + "/sign-in");

      Http.Response script = Http.to(port).as("vera").getPage(page);
      assertThat(script.status()).as(page).isIn(200, 404);
      assertThat(script.header("Set-Cookie")).as("basic auth makes no session: " + page).doesNotContain("JSESSIONID");
      Http.Response wrong = Http.to(port).as("vera", "wrong").getPage(page);
      assertThat(wrong.status()).as("a wrong password is basic's 401, never a redirect: " + page).isEqualTo(401);
      assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic realm=\"Firebreak\"");
    }
    assertThat(Http.to(port).as("vera").getPage("/incidents/" + incident.key()).body()).contains(incident.key())
        .doesNotContain("raw-oidc-secret");
    assertThat(Http.to(port).as("frida").get("/api/incidents/" + incident.key()).status()).isEqualTo(200);
    Http.Response api = Http.to(port).get("/api/incidents/" + incident.key());
    assertThat(api.status()).as("the API never redirects").isEqualTo(401);
  }

  @Test
  void aCamundaUsersEmailSignsInAsThatUserWithTheirGroups() {
    Browser browser = new Browser();
    HttpResponse<String> page = signIn(browser, "/incidents/" + incident.key(),
        Map.of("email", "ivan@firebreak.example", "email_verified", true, "name", "Ivan"));

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains(incident.key(), "class=\"who\">ivan<", "id=\"note-form\"", "raw-oidc-secret");
    String session = browser.cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("JSESSIONID")).findFirst().orElseThrow().getValue();
    assertThat(session).isNotBlank();

    Matcher csrf = CSRF_FIELD.matcher(page.body());
    assertThat(csrf.find()).isTrue();
    String notes = "/incidents/" + incident.key() + "/notes";
    assertThat(browser.postForm(notes, "text=forged&_csrf=forged").statusCode()).as("CSRF still guards the form")
        .isEqualTo(403);
    HttpResponse<String> added = browser.postForm(notes,
        "text=" + encode("Signed in with the IdP") + "&_csrf=" + encode(csrf.group(1)));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
    assertThat(incidents.timeline(incident.key())).anySatisfy(entry -> {
      assertThat(entry.type()).isEqualTo(TimelineEntryType.NOTE);
      assertThat(entry.actor()).as("the same id as in Tasklist").isEqualTo("ivan");
      assertThat(entry.message()).contains("Signed in with the IdP");
    });
  }

  @Test
  void anEmployeeWithoutACamundaUserReadsAsAViewer() {
    Browser browser = new Browser();
    HttpResponse<String> page = signIn(browser, "/incidents/" + incident.key(),
        Map.of("email", "erin@acme.example", "email_verified", true, "groups", List.of("marketing")));

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains(incident.key(), "erin@acme.example")
        .doesNotContain("raw-oidc-secret").doesNotContain("note-form");
    for (String other : List.of("/incidents", "/postmortems", "/insights")) {
      assertThat(browser.get(other).statusCode()).as(other).isEqualTo(200);
    }
    HttpResponse<String> list = browser.get("/incidents");
    Matcher csrf = CSRF_FIELD.matcher(list.body() + browser.get("/incidents/" + incident.key()).body());
    String token = csrf.find() ? csrf.group(1) : "none";
    HttpResponse<String> note = browser.postForm("/incidents/" + incident.key() + "/notes",
        "text=let+me+in&_csrf=" + encode(token));
    assertThat(note.statusCode()).isEqualTo(403);
    assertThat(incidents.timeline(incident.key())).noneSatisfy(entry ->
        assertThat(entry.message()).contains("let me in"));
  }

  @Test
  void theIdpsGroupsMapToFirebreakGroups() {
    Browser browser = new Browser();
    HttpResponse<String> page = signIn(browser, "/incidents/" + incident.key(),
        Map.of("email", "omar@acme.example", "groups", List.of("sre-oncall", "marketing")));

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).as("sre-oncall is first-responders: a responder").contains("raw-oidc-secret", "note-form");
  }

  @Test
  void anUnverifiedEmailSignsNobodyIn() {
    Browser browser = new Browser();
    HttpResponse<String> failed = signInFrom(browser, "/incidents", "ivan-lookalike",
        Map.of("email", "ivan@firebreak.example", "email_verified", false), url -> url);

    assertThat(failed.statusCode()).isEqualTo(302);
    assertThat(location(failed)).endsWith("/sign-in?error");
    assertThat(browser.get(location(failed)).body()).contains("The sign-in did not succeed");
    assertThat(location(browser.get("/incidents"))).endsWith("/sign-in");
  }

  @Test
  void aForgedOrAbsentStateFailsTheLogin() {
    for (var tampering : List.<java.util.function.UnaryOperator<String>>of(
        url -> STATE.matcher(url).replaceFirst("$1forged-state"),
        url -> STATE.matcher(url).replaceFirst(""))) {
      Browser browser = new Browser();
      HttpResponse<String> failed = signInFrom(browser, "/incidents", "ivan",
          Map.of("email", "ivan@firebreak.example", "email_verified", true), tampering);

      assertThat(failed.statusCode()).isEqualTo(302);
      assertThat(location(failed)).endsWith("/sign-in?error");
      HttpResponse<String> after = browser.get("/incidents");
      assertThat(after.statusCode()).as("still not signed in").isEqualTo(302);
      assertThat(location(after)).endsWith("/sign-in");
    }
  }

  @Test
  void anotherRegistrationOrAnUnreadableIdpIsNoServerError() {
    Browser browser = new Browser();
    HttpResponse<String> other = browser.get("/oauth2/authorization/elsewhere");
    assertThat(other.statusCode()).isLessThan(500);
    HttpResponse<String> noCode = browser.get("/login/oauth2/code/firebreak");
    assertThat(noCode.statusCode()).isEqualTo(302);
    assertThat(location(noCode)).endsWith("/sign-in?error");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLax() {
    Browser browser = new Browser();
    HttpResponse<String> asked = browser.get("/incidents");
    List<String> cookies = asked.headers().allValues("Set-Cookie");
    assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax"));
  }

  /**
   * A form POST as Tasklist's page sends it: with the CSRF token of the session (the cookie {@code XSRF-TOKEN}, set
   * with the first page) in the header {@code X-XSRF-TOKEN}, and the page's origin.
   */
  HttpResponse<String> webappPost(Browser browser, String path, String form) {
    browser.get("/camunda/app/tasklist/connected/");
    String token = browser.cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue)
        .reduce((first, latest) -> latest).orElseThrow();
    return browser.client.sendAsync(HttpRequest.newBuilder(absolute(path)).header("X-XSRF-TOKEN", token)
        .header("Origin", "http://127.0.0.1:" + port).header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  /** Who a webapp (Tasklist, Cockpit, Admin) says is signed in to this context's engine: its own question, as JSON. */
  static com.fasterxml.jackson.databind.JsonNode webappUser(Browser browser) throws IOException {
    HttpResponse<String> who = browser.get("/camunda/api/admin/auth/user/connected");
    assertThat(who.statusCode()).as(who.body()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(who.body());
  }

  static List<String> authorizedApps(com.fasterxml.jackson.databind.JsonNode user) {
    List<String> apps = new java.util.ArrayList<>();
    user.get("authorizedApps").forEach(app -> apps.add(app.asText()));
    return apps;
  }

  @Test
  void theWebappsTakeTheIdpSignInAsTheCamundaUser() throws IOException {
    Browser browser = new Browser();
    signIn(browser, "/incidents", Map.of("email", "ivan@firebreak.example", "email_verified", true));

    HttpResponse<String> tasklist = browser.get("/camunda/app/tasklist/connected/");
    assertThat(tasklist.statusCode()).as(tasklist.body()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode ivan = webappUser(browser);
    assertThat(ivan.get("userId").asText()).isEqualTo("ivan");
    assertThat(authorizedApps(ivan)).as("ivan's groups open Tasklist, not Cockpit or Admin")
        .containsExactlyInAnyOrder("welcome", "tasklist");

    // Tasklist's own REST, through the webapp, with ivan's rights: the Incident Manager's task of a new incident
    String instance = incident.processInstanceId();
    HttpResponse<String> tasks = browser.get("/camunda/api/engine/engine/connected/task?processInstanceId=" + instance);
    assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
    assertThat(tasks.body()).contains("\"name\":\"Take the Incident Manager role\"");
    HttpResponse<String> stranger = new Browser().get("/camunda/api/engine/engine/connected/task?processInstanceId="
        + instance);
    assertThat(stranger.statusCode()).as("without a sign-in the webapps' REST is closed").isEqualTo(401);
  }

  @Test
  void theIdpsGroupsCountInTheWebappsAndAViewerGetsNoCockpit() throws IOException {
    Browser viewer = new Browser();
    signIn(viewer, "/incidents", Map.of("email", "vera@firebreak.example", "email_verified", true));
    viewer.get("/camunda/app/welcome/connected/");
    com.fasterxml.jackson.databind.JsonNode vera = webappUser(viewer);
    assertThat(vera.get("userId").asText()).isEqualTo("vera");
    assertThat(authorizedApps(vera)).as("a viewer's groups open no webapp").containsExactly("welcome");
    // Camunda's own checks: the Cockpit app is refused to a user it does not open for (403, as after the login form);
    // Cockpit's data answers to any signed-in user, and the engine's authorizations show her none of it.
    assertThat(viewer.get("/camunda/app/cockpit/connected/").statusCode()).isEqualTo(403);
    assertThat(viewer.get("/camunda/app/tasklist/connected/").statusCode()).isEqualTo(403);
    HttpResponse<String> statistics = viewer.get(
        "/camunda/api/cockpit/plugin/base/connected/process-definition/statistics");
    assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
    assertThat(statistics.body()).isEqualTo("[]");

    Browser onCall = new Browser();
    signIn(onCall, "/incidents", Map.of("email", "vera@firebreak.example", "email_verified", true,
        "groups", List.of("sre-oncall")));
    onCall.get("/camunda/app/tasklist/connected/");
    assertThat(authorizedApps(webappUser(onCall))).as("sre-oncall is first-responders, whose rights open Tasklist")
        .containsExactlyInAnyOrder("welcome", "tasklist");

    Browser owner = new Browser();
    signIn(owner, "/incidents", Map.of("email", "paula@firebreak.example", "email_verified", true));
    assertThat(owner.get("/camunda/app/cockpit/connected/").statusCode()).isEqualTo(200);
    assertThat(authorizedApps(webappUser(owner))).as("process owners have Cockpit").contains("cockpit");
    HttpResponse<String> ownersStatistics = owner.get(
        "/camunda/api/cockpit/plugin/base/connected/process-definition/statistics");
    assertThat(ownersStatistics.statusCode()).as(ownersStatistics.body()).isEqualTo(200);
    assertThat(ownersStatistics.body()).as("the owner reads the definitions").contains("\"key\":\"incident\"");
  }

  @Test
  void anEmployeeWithoutACamundaUserGetsTheWebappsLogin() {
    Browser browser = new Browser();
    signIn(browser, "/incidents", Map.of("email", "erin@acme.example", "email_verified", true));

    HttpResponse<String> tasklist = browser.get("/camunda/app/tasklist/connected/");
    assertThat(tasklist.statusCode()).as("the webapp's page, with its login").isEqualTo(200);
    HttpResponse<String> who = browser.get("/camunda/api/admin/auth/user/connected");
    assertThat(who.statusCode()).as("nobody is signed in to the webapps").isEqualTo(404);
  }

  @Test
  void withoutASignInTheWebappsAskForTheirLogin() {
    Browser browser = new Browser();
    HttpResponse<String> tasklist = browser.get("/camunda/app/tasklist/connected/");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/admin/auth/user/connected").statusCode()).isEqualTo(404);
  }

  @Test
  void theSignOutEndsThePagesAndTheWebapps() throws IOException {
    Browser browser = new Browser();
    HttpResponse<String> page = signIn(browser, "/incidents",
        Map.of("email", "ivan@firebreak.example", "email_verified", true));
    browser.get("/camunda/app/tasklist/connected/");
    assertThat(webappUser(browser).get("userId").asText()).isEqualTo("ivan");
    assertThat(page.body()).contains("id=\"sign-out\"");
    Matcher csrf = CSRF_FIELD.matcher(page.body());
    assertThat(csrf.find()).as("the sign-out form carries the token").isTrue();
    assertThat(browser.postForm("/sign-out", "_csrf=forged").statusCode()).as("another site cannot sign one out")
        .isEqualTo(403);
    assertThat(browser.get("/incidents").statusCode()).isEqualTo(200);

    HttpResponse<String> signedOut = browser.postForm("/sign-out", "_csrf=" + encode(csrf.group(1)));
    assertThat(signedOut.statusCode()).isEqualTo(302);
    assertThat(location(signedOut)).endsWith("/sign-in?signed-out");
    assertThat(browser.get(location(signedOut)).body()).contains("You have signed out");
    assertThat(location(browser.get("/incidents"))).endsWith("/sign-in");
    assertThat(browser.get("/camunda/api/admin/auth/user/connected").statusCode()).as("and of the webapps")
        .isEqualTo(404);

    Http.Response basic = Http.to(port).as("vera").getPage("/incidents");
    assertThat(basic.body()).as("basic auth has no session to end").doesNotContain("id=\"sign-out\"");
  }

  @Test
  void signingOutOfTasklistEndsTheIdpSignIn() throws IOException {
    Browser browser = new Browser();
    signIn(browser, "/incidents", Map.of("email", "ivan@firebreak.example", "email_verified", true));
    browser.get("/camunda/app/tasklist/connected/");
    assertThat(webappUser(browser).get("userId").asText()).isEqualTo("ivan");
    HttpResponse<String> logout = webappPost(browser, "/camunda/api/admin/auth/user/connected/logout", "");
    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);

    assertThat(browser.get("/camunda/app/tasklist/connected/").statusCode()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/admin/auth/user/connected").statusCode())
        .as("not signed straight back in").isEqualTo(404);
    assertThat(location(browser.get("/incidents"))).as("the pages' sign-in ended too").endsWith("/sign-in");
  }

  @Test
  void aTasklistLoginAfterTheIdpSignInIsTheFormsUser() throws IOException {
    Browser browser = new Browser();
    signIn(browser, "/incidents", Map.of("email", "ivan@firebreak.example", "email_verified", true));
    HttpResponse<String> login = webappPost(browser, "/camunda/api/admin/auth/user/connected/login/tasklist",
        "username=frida&password=frida");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    browser.get("/camunda/app/tasklist/connected/");
    assertThat(webappUser(browser).get("userId").asText()).as("the latest sign-in wins").isEqualTo("frida");
  }

  @Test
  void tasklistKeepsItsOwnLoginNextToTheIdp() {
    // as Camunda's login page posts it (RawHttp.webappLogin, for this context's engine "connected")
    io.firebreak.RawHttp raw = io.firebreak.RawHttp.from("127.0.0.1", port);
    io.firebreak.RawHttp.Answer page = raw.send("GET /camunda/app/tasklist/connected/ HTTP/1.1", new byte[0]);
    List<String> pairs = page.headers().getOrDefault("set-cookie", List.of()).stream()
        .map(cookie -> cookie.split(";")[0].trim()).toList();
    String token = pairs.stream().filter(pair -> pair.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
        .substring("XSRF-TOKEN=".length());
    byte[] form = "username=ivan&password=ivan".getBytes(StandardCharsets.UTF_8);
    io.firebreak.RawHttp.Answer login = raw.send("POST /camunda/api/admin/auth/user/connected/login/tasklist HTTP/1.1"
        + "\r\nAccept: application/json\r\nCookie: " + String.join("; ", pairs) + "\r\nX-XSRF-TOKEN: " + token
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length, form);

    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.body()).contains("\"userId\":\"ivan\"");
    List<String> sessions = login.headers().getOrDefault("set-cookie", List.of()).stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
    assertThat(sessions).isNotEmpty().allSatisfy(cookie -> assertThat(cookie.toLowerCase(java.util.Locale.ROOT)
        .split("samesite=", -1)).as("one SameSite attribute: " + cookie).hasSize(2));
  }
}
