package io.firebreak.integration;

import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.firebreak.IncidentScenarios;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Firebreak with every outside system configured, each pointing at a fake on loopback: one WireMock server for the
 * HTTP APIs (Slack under {@code /slack}, Statuspage {@code /statuspage}, Jira {@code /jira}, Opsgenie
 * {@code /opsgenie}, Google {@code /google}), a GreenMail SMTP server and an OpenID Connect provider for the pages'
 * sign-in ({@link #idp}). Every test starts from the fakes' happy
 * answers, which it may override, and asserts the exact requests it expects.
 *
 * <p>This is a second application context next to {@link io.firebreak.FirebreakTest}'s; its engine has a name of its
 * own so the two never meet in Camunda's static engine registry. Both share the test database.
 */
public abstract class ConnectedFirebreakTest extends IncidentScenarios {

  protected static final String SLACK_TOKEN = "xoxb-test-token";
  protected static final String STATUSPAGE_KEY = "sp-test-key";
  protected static final String PAGE = "pg1";
  protected static final String JIRA_EMAIL = "firebreak@acme.example";
  protected static final String JIRA_TOKEN = "jira-test-token";
  protected static final String GENIE_KEY = "genie-test-key";
  protected static final String CHANNEL = "C0INC";
  protected static final String SUMMARY_TS = "1700000000.000100";
  protected static final String STATUSPAGE_INCIDENT = "sp-inc-1";
  protected static final String TICKET = "OPS-101";
  protected static final String MEET = "https://meet.google.com/abc-defg-hij";
  protected static final String GOOGLE_TOKEN = "ya29.test-access-token";
  protected static final String MAILBOX = "incidents@acme.example";
  protected static final String GITHUB_TOKEN = "ghp-test-token";
  protected static final String GITHUB_SECRET = "github-webhook-secret";
  protected static final String JIRA_SECRET = "jira-webhook-secret";
  protected static final String SLACK_SIGNING_SECRET = "slack-signing-secret-for-tests";
  protected static final String REPOSITORY = "acme/postmortems";
  protected static final int PULL_REQUEST = 7;
  protected static final String PULL_REQUEST_URL = "https://github.com/acme/postmortems/pull/7";
  /** The postmortem repository's remote: a bare repository on disk with one commit on main. */
  protected static final Path postmortemRemote;

  protected static final WireMockServer vendors = new WireMockServer(options().dynamicPort());
  protected static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  /**
   * The company's OpenID Connect provider (Google Workspace, Okta, Entra ID, Keycloak…): a real one on loopback, with
   * its login form (a subject and the claims to sign in with, as JSON).
   */
  protected static final MockOAuth2Server idp = new MockOAuth2Server(new no.nav.security.mock.oauth2.OAuth2Config(true));
  protected static final String IDP_ISSUER = "acme";
  protected static final String IDP_CLIENT = "firebreak-pages";
  protected static final KeyPair googleKey;
  private static final Path googleCredentials;

  static {
    vendors.start();
    smtp.start();
    idp.start(java.net.InetAddress.getLoopbackAddress(), 0);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      googleKey = generator.generateKeyPair();
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(googleKey.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      googleCredentials = Files.createTempFile("firebreak-google", ".json");
      googleCredentials.toFile().deleteOnExit();
      Files.writeString(googleCredentials, """
          {"type": "service_account", "project_id": "firebreak-test", "client_email": "firebreak@firebreak-test.iam.gserviceaccount.com",
           "client_id": "100000000000000000001", "private_key_id": "0123456789abcdef0123456789abcdef01234567",
           "private_key": "%s", "token_uri": "https://oauth2.googleapis.com/token"}
          """.formatted(pem.replace("\n", "\\n")));
      postmortemRemote = Files.createTempDirectory("firebreak-postmortems-remote");
      Path seed = Files.createTempDirectory("firebreak-postmortems-seed");
      org.eclipse.jgit.api.Git.init().setBare(true).setInitialBranch("main").setDirectory(postmortemRemote.toFile())
          .call().close();
      try (var git = org.eclipse.jgit.api.Git.cloneRepository().setURI(postmortemRemote.toUri().toString())
          .setDirectory(seed.toFile()).call()) {
        Files.writeString(seed.resolve("README.md"), "# Postmortems\n");
        git.add().addFilepattern("README.md").call();
        git.commit().setMessage("Postmortems live here").setSign(false)
            .setAuthor("Acme", "acme@acme.example").setCommitter("Acme", "acme@acme.example").call();
        git.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main")).call();
      }
    } catch (NoSuchAlgorithmException | java.io.IOException | org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * A reviewer's commit on {@code branch} of the postmortem remote: {@code change} rewrites the file at {@code path}
   * (null when it deletes the file). Returns the new commit's id.
   */
  protected static String reviewerCommits(String branch, String path, java.util.function.UnaryOperator<String> change)
      throws Exception {
    Path work = Files.createTempDirectory("firebreak-reviewer-");
    try (var git = org.eclipse.jgit.api.Git.cloneRepository().setURI(postmortemRemote.toUri().toString())
        .setDirectory(work.toFile()).setBranch("refs/heads/" + branch).call()) {
      Path file = work.resolve(path);
      String changed = change.apply(Files.exists(file) ? Files.readString(file) : null);
      if (changed == null) {
        git.rm().addFilepattern(path).call();
      } else {
        Files.createDirectories(file.getParent());
        Files.writeString(file, changed);
        git.add().addFilepattern(path).call();
      }
      var commit = git.commit().setMessage("Review: " + path).setSign(false)
          .setAuthor("Lena", "lena@acme.example").setCommitter("Lena", "lena@acme.example").call();
      git.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/" + branch)).call();
      return commit.getName();
    }
  }

  /** GitHub's "Merge pull request": a merge commit of {@code branch} on main. Returns its id (merge_commit_sha). */
  protected static String mergeIntoMain(String branch) throws Exception {
    Path work = Files.createTempDirectory("firebreak-merge-");
    try (var git = org.eclipse.jgit.api.Git.cloneRepository().setURI(postmortemRemote.toUri().toString())
        .setDirectory(work.toFile()).setBranch("refs/heads/main").call()) {
      var merged = git.merge().include(git.getRepository().resolve("refs/remotes/origin/" + branch))
          .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF).setCommit(true)
          .setMessage("Merge pull request from " + branch).call();
      assertThat(merged.getMergeStatus().isSuccessful()).as("merge of " + branch).isTrue();
      git.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main")).call();
      return git.getRepository().resolve("HEAD").getName();
    }
  }

  /**
   * A resolved incident (of a severity whose policy asks for a postmortem) whose postmortem (no action items) is
   * proposed as a pull request with a number of its own (GitHub counts up; two postmortems never share one) and
   * published through its review with a reviewer's commit that appends {@code reviewersParagraph}: the archive holds
   * the merged text, which only the review added the paragraph to.
   */
  protected ReviewedPostmortem postmortemPublishedThroughReview(String title, Severity severity,
                                                                String reviewersParagraph) throws Exception {
    int number = pullRequestNumbers.incrementAndGet();
    String url = "https://github.com/" + REPOSITORY + "/pull/" + number;
    vendors.stubFor(post("/github/repos/" + REPOSITORY + "/pulls").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"number\":" + number + ",\"html_url\":\"" + url + "\"}")));
    Incident incident = resolvedIncident(title, severity);
    holdPostmortem(incident.key(), List.of());
    runJobs(postmortemOf(incident.key()));
    String mergeCommit = publishThroughReview(incident.key(), number, reviewersParagraph);
    return new ReviewedPostmortem(incidents.get(incident.key()), url, mergeCommit);
  }

  /** A postmortem published through its pull request: its incident, the pull request and GitHub's merge commit. */
  protected record ReviewedPostmortem(Incident incident, String pullRequestUrl, String mergeCommit) {
  }

  /** Pull request numbers for {@link #postmortemPublishedThroughReview}, above the fixed {@link #PULL_REQUEST}. */
  private static final java.util.concurrent.atomic.AtomicInteger pullRequestNumbers =
      new java.util.concurrent.atomic.AtomicInteger(100);

  /**
   * The review of the postmortem's open pull request {@code number}: a reviewer commits {@code reviewersParagraph} at
   * the end of the document on the postmortem's branch (where Firebreak's text does not have it yet), GitHub merges the
   * branch into main and sends the signed {@code pull_request} webhook (merged, with {@code merge_commit_sha}),
   * Firebreak publishes and the jobs after it run. Returns the merge commit's id.
   */
  protected String publishThroughReview(String key, int number, String reviewersParagraph) throws Exception {
    String postmortem = postmortemOf(key);
    String branch = "postmortem/" + key;
    reviewerCommits(branch, "postmortems/" + key + ".md", text -> {
      assertThat(text).as("Firebreak's text on " + branch).isNotNull().doesNotContain(reviewersParagraph);
      return text + "\n" + reviewersParagraph + "\n";
    });
    String mergeCommit = mergeIntoMain(branch);
    io.firebreak.Http.Response merged = deliver("/api/webhooks/github", "pull_request", "X-Hub-Signature-256",
        GITHUB_SECRET, pullRequestClosed(true).replace("\"number\": " + PULL_REQUEST, "\"number\": " + number)
            .replace("\"merged\": true", "\"merged\": true, \"merge_commit_sha\": \"" + mergeCommit + "\""));
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(merged.json().get("outcome").asText()).isEqualTo("published " + key);
    runJobs(postmortem, incidents.get(key).processInstanceId());
    return mergeCommit;
  }

  @DynamicPropertySource
  static void outsideSystems(DynamicPropertyRegistry settings) {
    String base = vendors.baseUrl();
    settings.add("camunda.bpm.process-engine-name", () -> "connected");
    settings.add("firebreak.integrations.rate-limit-max-wait", () -> "PT2S");
    settings.add("firebreak.slack.token", () -> SLACK_TOKEN);
    settings.add("firebreak.slack.base-url", () -> base + "/slack/api/");
    settings.add("firebreak.slack.signing-secret", () -> SLACK_SIGNING_SECRET);
    settings.add("firebreak.statuspage.api-key", () -> STATUSPAGE_KEY);
    settings.add("firebreak.statuspage.page-id", () -> PAGE);
    settings.add("firebreak.statuspage.base-url", () -> base + "/statuspage/v1");
    settings.add("firebreak.jira.base-url", () -> base + "/jira");
    settings.add("firebreak.jira.email", () -> JIRA_EMAIL);
    settings.add("firebreak.jira.api-token", () -> JIRA_TOKEN);
    settings.add("firebreak.jira.project-key", () -> "OPS");
    settings.add("firebreak.opsgenie.api-key", () -> GENIE_KEY);
    settings.add("firebreak.opsgenie.base-url", () -> base + "/opsgenie");
    settings.add("firebreak.opsgenie.team", () -> "SRE");
    settings.add("firebreak.google.credentials-file", googleCredentials::toString);
    settings.add("firebreak.google.impersonate", () -> MAILBOX);
    settings.add("firebreak.google.base-url", () -> base + "/google");
    settings.add("firebreak.google.token-url", () -> base + "/google/token");
    settings.add("spring.mail.host", () -> "127.0.0.1");
    settings.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    settings.add("firebreak.mail.from", () -> "firebreak@acme.example");
    settings.add("firebreak.mail.stakeholders", () -> "stakeholders@acme.example, exec@acme.example");
    settings.add("firebreak.github.api-url", () -> base + "/github");
    settings.add("firebreak.github.token", () -> GITHUB_TOKEN);
    settings.add("firebreak.github.repository", () -> REPOSITORY);
    settings.add("firebreak.github.git-url", () -> postmortemRemote.toUri().toString());
    settings.add("firebreak.github.webhook-secret", () -> GITHUB_SECRET);
    settings.add("firebreak.jira.webhook-secret", () -> JIRA_SECRET);
    settings.add("firebreak.oidc.issuer-uri", () -> idp.issuerUrl(IDP_ISSUER).toString());
    settings.add("firebreak.oidc.client-id", () -> IDP_CLIENT);
    settings.add("firebreak.oidc.client-secret", () -> "firebreak-pages-secret");
    settings.add("firebreak.oidc.display-name", () -> "Acme Login");
    settings.add("firebreak.oidc.group-mapping.sre-oncall", () -> "first-responders");
  }

  @BeforeEach
  void fakesAnswerAsUsual() throws Exception {
    vendors.resetAll();
    smtp.purgeEmailFromAllMailboxes();
    // Slack
    vendors.stubFor(post("/slack/api/auth.test").willReturn(okJson(
        "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user_id\":\"UBOT\"}")));
    vendors.stubFor(post("/slack/api/conversations.create").willReturn(okJson(
        "{\"ok\":true,\"channel\":{\"id\":\"" + CHANNEL + "\",\"name\":\"inc\"}}")));
    for (String user : List.of("frida", "ivan", "carla", "dora", "dan")) {
      vendors.stubFor(post("/slack/api/users.lookupByEmail")
          .withFormParam("email", equalTo(user + "@firebreak.example"))
          .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"" + slackUser(user) + "\"}}")));
    }
    vendors.stubFor(post("/slack/api/conversations.invite").willReturn(okJson("{\"ok\":true}")));
    for (String user : List.of("frida", "ivan", "carla", "dora", "dan")) {
      vendors.stubFor(post("/slack/api/users.info").withFormParam("user", equalTo(slackUser(user)))
          .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"" + slackUser(user) + "\",\"name\":\"" + user
              + "\",\"profile\":{\"email\":\"" + user + "@firebreak.example\"}}}")));
    }
    vendors.stubFor(post("/slack/api/chat.postEphemeral").willReturn(okJson(
        "{\"ok\":true,\"message_ts\":\"1700000000.000200\"}")));
    vendors.stubFor(post("/slack/api/views.open").willReturn(okJson("{\"ok\":true,\"view\":{\"id\":\"V0001\"}}")));
    vendors.stubFor(post("/slack/api/chat.postMessage").willReturn(okJson(
        "{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + SUMMARY_TS + "\"}")));
    vendors.stubFor(post("/slack/api/chat.update").willReturn(okJson("{\"ok\":true}")));
    vendors.stubFor(post("/slack/api/pins.add").willReturn(okJson("{\"ok\":true}")));
    // Statuspage
    vendors.stubFor(get("/statuspage/v1/pages/" + PAGE + "/components").willReturn(okJson(
        "[{\"id\":\"cmp-api\",\"name\":\"API\"},{\"id\":\"cmp-dash\",\"name\":\"Dashboard\"}]")));
    vendors.stubFor(post("/statuspage/v1/pages/" + PAGE + "/incidents").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"" + STATUSPAGE_INCIDENT + "\",\"shortlink\":\"https://stspg.io/abc123\"}")));
    vendors.stubFor(patch(urlEqualTo("/statuspage/v1/pages/" + PAGE + "/incidents/" + STATUSPAGE_INCIDENT))
        .willReturn(okJson("{\"id\":\"" + STATUSPAGE_INCIDENT + "\"}")));
    // Jira
    vendors.stubFor(post("/jira/rest/api/3/issue").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"10001\",\"key\":\"" + TICKET + "\",\"self\":\"" + vendors.baseUrl() + "/jira/rest/api/3/issue/10001\"}")));
    vendors.stubFor(post(urlMatching("/jira/rest/api/3/issue/[A-Z]+-\\d+/remotelink")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":1}")));
    vendors.stubFor(get("/jira/rest/api/3/issue/" + TICKET + "/transitions").willReturn(okJson(
        "{\"transitions\":[{\"id\":\"21\",\"name\":\"In Progress\"},{\"id\":\"31\",\"name\":\"Done\"}]}")));
    vendors.stubFor(post("/jira/rest/api/3/issue/" + TICKET + "/transitions").willReturn(aResponse().withStatus(204)));
    vendors.stubFor(get(urlPathEqualTo("/jira/rest/api/3/user/search")).willReturn(okJson("[]")));
    vendors.stubFor(post("/jira/rest/api/3/issueLink").willReturn(aResponse().withStatus(201)));
    // Opsgenie
    vendors.stubFor(post(urlMatching("/opsgenie/v2/alerts.*")).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"result\":\"Request will be processed\",\"took\":0.1,\"requestId\":\"req-1\"}")));
    // Google
    vendors.stubFor(post("/google/token").willReturn(okJson(
        "{\"access_token\":\"" + GOOGLE_TOKEN + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    vendors.stubFor(post(urlPathEqualTo("/google/calendar/v3/calendars/primary/events")).willReturn(okJson(
        "{\"id\":\"fbevent\",\"status\":\"confirmed\",\"hangoutLink\":\"" + MEET + "\"}")));
    // GitHub
    vendors.stubFor(post("/github/repos/" + REPOSITORY + "/pulls").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"number\":" + PULL_REQUEST + ",\"html_url\":\"" + PULL_REQUEST_URL + "\"}")));
  }

  @org.springframework.boot.test.web.server.LocalServerPort
  protected int port;

  /** A webhook delivery, signed with {@code secret} in {@code signatureHeader} (none when the secret is null). */
  protected io.firebreak.Http.Response deliver(String path, String event, String signatureHeader, String secret,
                                               String body) {
    io.firebreak.Http http = io.firebreak.Http.to(port);
    if (event != null) {
      http = http.header("X-GitHub-Event", event);
    }
    if (secret != null) {
      http = http.header(signatureHeader, io.firebreak.integration.HubSignature.sign(secret,
          body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return http.post(path, "application/json", body);
  }

  /**
   * A request from Slack, signed as Slack signs it (v0: HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the signing
   * secret, computed here by hand, not with the SDK that checks it), {@code secondsAgo} old.
   */
  protected io.firebreak.Http.Response fromSlack(String path, String formBody, String secret, long secondsAgo) {
    String timestamp = Long.toString(java.time.Instant.now().getEpochSecond() - secondsAgo);
    return io.firebreak.Http.to(port)
        .header("X-Slack-Request-Timestamp", timestamp)
        .header("X-Slack-Signature", slackSignature(secret, timestamp, formBody))
        .post(path, "application/x-www-form-urlencoded", formBody);
  }

  protected io.firebreak.Http.Response fromSlack(String path, String formBody) {
    return fromSlack(path, formBody, SLACK_SIGNING_SECRET, 0);
  }

  /** Slack's documented request signature: {@code v0=} and the hex HMAC-SHA256 of {@code v0:<timestamp>:<body>}. */
  protected static String slackSignature(String secret, String timestamp, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "HmacSHA256"));
      return "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** GitHub's {@code pull_request} event for the postmortem's pull request, closed, merged or not. */
  protected static String pullRequestClosed(boolean merged) {
    return """
        {"action": "closed", "number": %d,
         "pull_request": {"number": %d, "html_url": "%s", "merged": %s, "merged_by": %s, "user": {"login": "firebreak"}},
         "repository": {"full_name": "%s"}}
        """.formatted(PULL_REQUEST, PULL_REQUEST, PULL_REQUEST_URL, merged, merged ? "{\"login\": \"lena\"}" : "null",
        REPOSITORY);
  }

  /** The review on GitHub merged the postmortem's pull request. */
  protected void mergePullRequest(String key) {
    var answer = deliver("/api/webhooks/github", "pull_request", "X-Hub-Signature-256", GITHUB_SECRET,
        pullRequestClosed(true));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("outcome").asText()).isEqualTo("published " + key);
  }

  protected static String credentialsFile() {
    return googleCredentials.toString();
  }

  protected static String slackUser(String user) {
    return "U" + user.toUpperCase(Locale.ROOT);
  }

  /** Every request the fakes received, oldest first. */
  protected static List<LoggedRequest> requests() {
    List<LoggedRequest> newestFirst = vendors.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    return java.util.stream.IntStream.range(0, newestFirst.size())
        .mapToObj(i -> newestFirst.get(newestFirst.size() - 1 - i))
        .toList();
  }

  /** The requests to one path, oldest first. */
  protected static List<LoggedRequest> requestsTo(String path) {
    return requests().stream().filter(r -> r.getUrl().equals(path) || r.getUrl().startsWith(path + "?")).toList();
  }
}
