package io.firebreak.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.config.ApiProblem;
import io.firebreak.config.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where monitoring sends alerts: {@code POST /api/alerts/alertmanager}, {@code /pingdom}, {@code /opsgenie} and the
 * generic {@code /api/alerts}. Each source authenticates with its own secret; the answer is 202 once every alert of
 * the request is committed, with what was done for each.
 */
@RestController
@RequestMapping(path = "/api/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
class AlertController {

  private static final Logger log = LoggerFactory.getLogger(AlertController.class);

  /** The answer: one outcome per alert, and why nothing was done when nothing was. */
  record AlertsAccepted(List<AlertOutcome> alerts, String note) {
  }

  private final AlertIntake intake;
  private final AlertProperties properties;
  private final ObjectMapper json;

  AlertController(AlertIntake intake, AlertProperties properties, ObjectMapper json) {
    this.intake = intake;
    this.properties = properties;
    this.json = json;
  }

  /** Alertmanager {@code webhook_configs} with {@code http_config.authorization} (a bearer token). */
  @PostMapping("/alertmanager")
  ResponseEntity<?> alertmanager(HttpServletRequest request) throws IOException {
    ResponseEntity<?> refused = refuse(request, "alertmanager", bearer(request), properties.getAlertmanager());
    return refused != null ? refused
        : accept(AlertmanagerWebhook.alerts(read(request), properties.getAlertmanagerGroupBy()), null);
  }

  /** Pingdom cannot send headers: the secret is the {@code token} query parameter. */
  @PostMapping("/pingdom")
  ResponseEntity<?> pingdom(HttpServletRequest request) throws IOException {
    ResponseEntity<?> refused = refuse(request, "pingdom", request.getParameter("token"), properties.getPingdom());
    return refused != null ? refused : accept(AlertBatch.of(PingdomWebhook.alert(read(request))), null);
  }

  /** Opsgenie sends the secret in a header of our choice ({@code firebreak.alerts.opsgenie.header}). */
  @PostMapping("/opsgenie")
  ResponseEntity<?> opsgenie(HttpServletRequest request) throws IOException {
    AlertProperties.Source source = properties.getOpsgenie();
    ResponseEntity<?> refused = refuse(request, "opsgenie", request.getHeader(source.getHeader()), source);
    if (refused != null) {
      return refused;
    }
    JsonNode payload = read(request);
    var alert = OpsgenieWebhook.alert(payload);
    if (alert.isEmpty()) {
      String action = Payloads.text(payload, "action");
      log.info("Opsgenie action {} carries no alert meaning; ignored", action);
      return accept(new AlertBatch(List.of(), List.of()), "action " + action + " carries no alert meaning; ignored");
    }
    return accept(AlertBatch.of(alert.get()), null);
  }

  /** The generic format for every other source, with a bearer token. */
  @PostMapping
  ResponseEntity<?> generic(HttpServletRequest request) throws IOException {
    ResponseEntity<?> refused = refuse(request, "generic", bearer(request), properties.getGeneric());
    return refused != null ? refused : accept(AlertBatch.of(GenericAlerts.alert(read(request))), null);
  }

  /** The answer lists the rejected alerts first, then what was done with each taken one. */
  private ResponseEntity<AlertsAccepted> accept(AlertBatch batch, String note) {
    if (!batch.rejected().isEmpty()) {
      log.warn("{} alert(s) of a request rejected: {}", batch.rejected().size(),
          batch.rejected().stream().map(AlertOutcome::reason).distinct().limit(5).toList());
    }
    List<AlertOutcome> outcomes = new ArrayList<>(batch.rejected());
    outcomes.addAll(intake.accept(batch.alerts()));
    return ResponseEntity.accepted().body(new AlertsAccepted(outcomes, note));
  }

  /** Authentication, content type and size, checked before the body is read. Null when the request may go on. */
  private ResponseEntity<?> refuse(HttpServletRequest request, String sourceName, String presented,
                                   AlertProperties.Source source) {
    if (source.getToken().isBlank()) {
      return error(HttpStatus.UNAUTHORIZED, "alert source " + sourceName + " is not configured: set its token");
    }
    if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
        source.getToken().getBytes(StandardCharsets.UTF_8))) {
      return error(HttpStatus.UNAUTHORIZED, "missing or wrong token for alert source " + sourceName);
    }
    String contentType = request.getContentType();
    if (!isJson(contentType)) {
      return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type " + (contentType == null ? "(none)"
          : "'" + Payloads.shown(contentType) + "'") + " is not supported; send application/json in UTF-8");
    }
    if (request.getContentLengthLong() > properties.getMaxBodySize().toBytes()) {
      return tooLarge();
    }
    return null;
  }

  /** JSON, in UTF-8 when a charset is named: Jackson reads the bytes as they come, without converting them. */
  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      String charset = type.getParameter("charset");
      return MediaType.APPLICATION_JSON.isCompatibleWith(type)
          && (charset == null || charset.replace("\"", "").equalsIgnoreCase("utf-8"));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private JsonNode read(HttpServletRequest request) throws IOException {
    byte[] body = RequestBodies.read(request, properties.getMaxBodySize().toBytes());
    if (body.length == 0) {
      throw new AlertPayloadException("body", "a JSON request body is required");
    }
    try {
      JsonNode payload = json.readTree(body);
      if (payload == null || !payload.isObject()) {
        throw new AlertPayloadException("body", "must be a JSON object");
      }
      return payload;
    } catch (JsonProcessingException e) {
      throw new AlertPayloadException("body", "is not valid JSON");
    }
  }

  private static String bearer(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
  }

  private ResponseEntity<ProblemDetail> tooLarge() {
    return error(HttpStatus.PAYLOAD_TOO_LARGE, "the body is larger than " + properties.getMaxBodySize().toBytes() + " bytes");
  }

  private static ResponseEntity<ProblemDetail> error(HttpStatus status, String message) {
    var response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response = response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Firebreak alerts\"");
    }
    return response.body(ApiProblem.of(status, message));
  }
}
