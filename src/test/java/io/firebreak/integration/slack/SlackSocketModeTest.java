package io.firebreak.integration.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository.LinkKind;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.ConnectedFirebreakTest;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Socket Mode against a fake of Slack's WebSocket on loopback: {@code apps.connections.open} on WireMock hands out its
 * URL, the SDK's client connects, and envelopes as Slack sends them are handled by the same {@link SlackControl} as
 * the Request URLs, each acknowledged with its envelope id. The client is made here, for this test only, so the
 * shared connected context keeps no WebSocket open.
 */
class SlackSocketModeTest extends ConnectedFirebreakTest {

  private static final String APP_TOKEN = "xapp-1-test-app-token";

  @Autowired
  SlackControl control;

  @Autowired
  ObjectMapper json;

  private FakeSlackSocket slackSocket;
  private SlackSocketMode socketMode;

  @BeforeEach
  void connect() throws Exception {
    slackSocket = new FakeSlackSocket();
    slackSocket.start();
    assertThat(slackSocket.started.await(10, TimeUnit.SECONDS)).isTrue();
    vendors.stubFor(post("/slack/api/apps.connections.open").willReturn(okJson(
        "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + slackSocket.getPort() + "/link/?ticket=t-1&app_id=A0FIREBRK\"}")));
    socketMode = new SlackSocketMode(new SlackProperties(SLACK_TOKEN, vendors.baseUrl() + "/slack/api/", null, APP_TOKEN),
        control, json);
    socketMode.start();
    assertThat(slackSocket.opened.await(20, TimeUnit.SECONDS)).as("the client connected").isTrue();
  }

  @AfterEach
  void disconnect() throws Exception {
    socketMode.stop();
    slackSocket.stop(1000);
  }

  @Test
  void theAppTokenOpensTheConnectionAndASlashCommandArrivesAsAnEnvelope() throws Exception {
    assertThat(requestsTo("/slack/api/apps.connections.open")).singleElement()
        .satisfies(open -> assertThat(open.getHeader("Authorization")).isEqualTo("Bearer " + APP_TOKEN));
    Incident incident = declareAndStaff("Notes over Socket Mode", Severity.SEV3);
    String channel = "C0SOCKET" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(java.util.Locale.ROOT);
    incidents.link(incident.key(), LinkKind.CHAT_CHANNEL, new ExternalLink(channel, "https://acme.slack.com/archives/" + channel));

    slackSocket.send("""
        {"envelope_id": "dbdd0ef3-1543-4f94-bfb4-133d0e6c1545", "type": "slash_commands", "accepts_response_payload": true,
         "payload": {"token": "bHKJ2n9AW6Ju3MjciOHfbA1b", "team_id": "T0001", "team_domain": "acme", "channel_id": "%s",
                     "channel_name": "inc", "user_id": "UIVAN", "user_name": "ivan", "command": "/incident",
                     "text": "note paged the database team", "api_app_id": "A0FIREBRK", "is_enterprise_install": "false",
                     "response_url": "https://hooks.slack.com/commands/T0001/1234/abcd",
                     "trigger_id": "13345224609.738474920.8088930838d88f008e0"}}
        """.formatted(channel));

    JsonNode ack = json.readTree(slackSocket.received.poll(20, TimeUnit.SECONDS));
    assertThat(ack.path("envelope_id").asText()).isEqualTo("dbdd0ef3-1543-4f94-bfb4-133d0e6c1545");
    assertThat(ack.has("payload")).as("nothing to say at once").isFalse();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (notes(incident).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertThat(notes(incident)).extracting(TimelineEntry::actor, TimelineEntry::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ivan", "paged the database team"));
  }

  @Test
  void theImmediateAnswerIsTheAcknowledgementsPayload() throws Exception {
    slackSocket.send("""
        {"envelope_id": "a1b2", "type": "slash_commands", "accepts_response_payload": true,
         "payload": {"team_id": "T0001", "channel_id": "C0GENERAL", "user_id": "UIVAN", "command": "/incident",
                     "text": "escalate", "trigger_id": "1.2.3"}}
        """);

    JsonNode ack = json.readTree(slackSocket.received.poll(20, TimeUnit.SECONDS));

    assertThat(ack.path("envelope_id").asText()).isEqualTo("a1b2");
    assertThat(ack.path("payload").path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(ack.path("payload").path("text").asText()).isEqualTo(SlackControl.USAGE);
  }

  private List<TimelineEntry> notes(Incident incident) {
    return incidents.timeline(incident.key()).stream().filter(e -> e.type() == TimelineEntryType.NOTE).toList();
  }

  /** Slack's end of the WebSocket: says hello, then records what the client sends (the acknowledgements). */
  static final class FakeSlackSocket extends WebSocketServer {

    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch opened = new CountDownLatch(1);
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private volatile WebSocket connection;

    FakeSlackSocket() {
      super(new InetSocketAddress("127.0.0.1", 0));
      setReuseAddr(true);
    }

    void send(String message) {
      connection.send(message);
    }

    @Override
    public void onStart() {
      started.countDown();
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
      connection = socket;
      socket.send("{\"type\": \"hello\", \"num_connections\": 1, \"debug_info\": {\"host\": \"applink-fake\","
          + " \"approximate_connection_time\": 18060}, \"connection_info\": {\"app_id\": \"A0FIREBRK\"}}");
      opened.countDown();
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
      received.add(message);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
    }
  }
}
