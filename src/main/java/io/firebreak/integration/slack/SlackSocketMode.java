package io.firebreak.integration.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.request.SocketModeEnvelope;
import io.firebreak.integration.ConditionalOnSetting;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Slack's Socket Mode, for an installation Slack cannot reach over HTTPS: with an app-level token
 * ({@code FIREBREAK_SLACK_APP_TOKEN}) Firebreak opens the WebSocket itself ({@code apps.connections.open}, the Slack
 * SDK's client) and takes the same slash commands and interactions the Request URLs take, handled by the same
 * {@link SlackControl}. Every envelope is acknowledged at once, with the immediate answer as its payload; the work
 * follows as over HTTP. Slack authenticates the connection, so there is no request signature to check.
 */
@Component
@ConditionalOnSetting({"firebreak.slack.app-token", "firebreak.slack.token"})
@EnableConfigurationProperties(SlackProperties.class)
class SlackSocketMode implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

  private final SlackProperties properties;
  private final SlackControl control;
  private final ObjectMapper json;
  private final ScheduledExecutorService connecting = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "firebreak-slack-socket-mode");
    thread.setDaemon(true);
    return thread;
  });
  private volatile SocketModeClient client;
  private volatile boolean running;

  SlackSocketMode(SlackProperties properties, SlackControl control, ObjectMapper json) {
    this.properties = properties;
    this.control = control;
    this.json = json;
  }

  /** Connects off the starting thread, trying again every 30 s while Slack cannot be reached. */
  @Override
  public void start() {
    running = true;
    connecting.execute(this::connect);
  }

  private void connect() {
    if (!running) {
      return;
    }
    try {
      SlackConfig config = new SlackConfig();
      config.setMethodsEndpointUrlPrefix(properties.baseUrl());
      config.setStatsEnabled(false);
      config.getMethodsConfig().setStatsEnabled(false);
      SocketModeClient opened = Slack.getInstance(config).socketMode(properties.appToken(),
          SocketModeClient.Backend.JavaWebSocket);
      opened.addSlashCommandsEnvelopeListener(envelope -> acknowledge(opened, envelope, command(envelope)));
      opened.addInteractiveEnvelopeListener(envelope -> acknowledge(opened, envelope, interaction(envelope)));
      opened.connect();
      client = opened;
      log.info("Slack Socket Mode connected");
    } catch (IOException | RuntimeException e) {
      log.warn("Slack Socket Mode could not connect ({}); trying again in 30 s", e.getMessage());
      connecting.schedule(this::connect, 30, TimeUnit.SECONDS);
    }
  }

  private Map<String, ?> command(SocketModeEnvelope envelope) {
    JsonNode payload = payload(envelope);
    String user = payload.path("user_id").asText("");
    String channel = payload.path("channel_id").asText("");
    if (user.isBlank() || channel.isBlank()) {
      return null;
    }
    String immediate = control.command(new SlackControl.Command(user, channel, payload.path("text").asText(""),
        payload.path("trigger_id").asText(null)));
    return immediate == null ? null : Map.of("response_type", "ephemeral", "text", immediate);
  }

  private Map<String, ?> interaction(SocketModeEnvelope envelope) {
    JsonNode payload = payload(envelope);
    if (!payload.isObject() || payload.path("user").path("id").asText("").isBlank()) {
      return null;
    }
    return control.interaction(payload);
  }

  private JsonNode payload(SocketModeEnvelope envelope) {
    try {
      return envelope.getPayload() == null ? json.createObjectNode() : json.readTree(envelope.getPayload().toString());
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  /** Slack's ack: the envelope id, and the answer a Request URL would have given as its payload. */
  private void acknowledge(SocketModeClient client, SocketModeEnvelope envelope, Map<String, ?> answer) {
    ObjectNode ack = json.createObjectNode().put("envelope_id", envelope.getEnvelopeId());
    if (answer != null) {
      ack.set("payload", json.valueToTree(answer));
    }
    client.sendSocketModeResponse(ack.toString());
  }

  @Override
  public void stop() {
    running = false;
    connecting.shutdownNow();
    SocketModeClient open = client;
    client = null;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        log.debug("Closing Slack Socket Mode: {}", e.getMessage());
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Whether the WebSocket to Slack is open now. */
  boolean connected() {
    SocketModeClient open = client;
    return open != null && open.verifyConnection();
  }
}
