package io.firebreak.integration.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import io.firebreak.config.ApiProblem;
import io.firebreak.integration.SignedWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Slack calls Firebreak (the app's Request URLs): slash commands at {@code /api/slack/commands} and buttons,
 * modals and shortcuts at {@code /api/slack/interactions}. Not behind HTTP basic: Slack signs every request with the
 * app's signing secret ({@code X-Slack-Signature} v0 over {@code v0:<timestamp>:<raw body>}), checked by the Slack
 * SDK's own verifier, which also refuses a timestamp more than 5 minutes away (a replay). A request that is not
 * signed so is a 401 and changes nothing; the body is read up to the webhooks' limit like every signed webhook's.
 *
 * <p>Slack wants an answer within 3 seconds, so these answer at once (empty, a usage text, or a modal's field
 * errors) and {@link SlackControl} does the work right after, off the request thread.
 */
@RestController
@EnableConfigurationProperties(SlackProperties.class)
class SlackEndpoints {

  private static final String SETTING = "FIREBREAK_SLACK_SIGNING_SECRET and FIREBREAK_SLACK_TOKEN";

  private final SlackProperties properties;
  private final SignedWebhooks webhooks;
  private final SlackControl control;
  private final ObjectMapper json;
  private final SlackSignature.Verifier verifier;

  SlackEndpoints(SlackProperties properties, SignedWebhooks webhooks, SlackControl control, ObjectMapper json) {
    this.properties = properties;
    this.webhooks = webhooks;
    this.control = control;
    this.json = json;
    this.verifier = properties.signingSecret() == null || properties.signingSecret().isBlank() ? null
        : new SlackSignature.Verifier(new SlackSignature.Generator(properties.signingSecret()));
  }

  /** A slash command ({@code /incident …}), form-encoded as Slack sends it. */
  @PostMapping(path = "/api/slack/commands", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> command(@RequestHeader(name = SlackSignature.HeaderNames.X_SLACK_SIGNATURE, required = false)
                            String signature,
                            @RequestHeader(name = SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, required = false)
                            String timestamp,
                            HttpServletRequest request) throws IOException {
    SignedWebhooks.Delivery delivery = receive(request, signature, timestamp);
    if (delivery.refusal() != null) {
      return delivery.refusal();
    }
    Map<String, String> form = form(delivery.body());
    String user = form.get("user_id");
    String channel = form.get("channel_id");
    if (user == null || user.isBlank() || channel == null || channel.isBlank()) {
      return ApiProblem.answer(HttpStatus.BAD_REQUEST, "a slash command names its user_id and channel_id");
    }
    String immediate = control.command(new SlackControl.Command(user, channel, form.getOrDefault("text", ""),
        form.get("trigger_id")));
    return immediate == null ? ResponseEntity.ok().build() : ResponseEntity.ok(ephemeral(immediate));
  }

  /** A button ({@code block_actions}), a modal's submission ({@code view_submission}) or a shortcut. */
  @PostMapping(path = "/api/slack/interactions", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> interaction(@RequestHeader(name = SlackSignature.HeaderNames.X_SLACK_SIGNATURE, required = false)
                                String signature,
                                @RequestHeader(name = SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP,
                                    required = false) String timestamp,
                                HttpServletRequest request) throws IOException {
    SignedWebhooks.Delivery delivery = receive(request, signature, timestamp);
    if (delivery.refusal() != null) {
      return delivery.refusal();
    }
    String payload = form(delivery.body()).get("payload");
    JsonNode interaction;
    try {
      interaction = payload == null ? null : json.readTree(payload);
    } catch (IOException e) {
      interaction = null;
    }
    if (interaction == null || !interaction.isObject() || interaction.path("user").path("id").asText("").isBlank()) {
      return ApiProblem.answer(HttpStatus.BAD_REQUEST,
          "an interaction is a form field 'payload' with Slack's JSON, naming its user");
    }
    Map<String, Object> answer = control.interaction(interaction);
    return answer == null ? ResponseEntity.ok().build() : ResponseEntity.ok(answer);
  }

  private SignedWebhooks.Delivery receive(HttpServletRequest request, String signature, String timestamp)
      throws IOException {
    return webhooks.receive(request, "Slack", properties.requestUrls() ? properties.signingSecret() : null, SETTING,
        SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signature, body -> signed(timestamp, body, signature));
  }

  private boolean signed(String timestamp, byte[] body, String signature) {
    if (timestamp == null || !timestamp.matches("\\d{1,12}") || signature == null) {
      return false;
    }
    return verifier.isValid(timestamp, new String(body, StandardCharsets.UTF_8), signature.trim(),
        System.currentTimeMillis());
  }

  /** {@code application/x-www-form-urlencoded}, the last value of a repeated name winning. */
  static Map<String, String> form(byte[] body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        fields.put(name, value);
      } catch (IllegalArgumentException malformed) {
        // A broken %-escape: the field is left out, as if it had not been sent.
      }
    }
    return fields;
  }

  private static Map<String, String> ephemeral(String text) {
    return Map.of("response_type", "ephemeral", "text", text);
  }
}
