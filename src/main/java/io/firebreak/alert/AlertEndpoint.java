package io.firebreak.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.config.ApiProblem;
import io.firebreak.config.RequestBodies;
import io.firebreak.config.RequestPaths;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Where monitoring sends alerts: {@code POST /api/alerts/alertmanager}, {@code /pingdom}, {@code /opsgenie} and the
 * generic {@code /api/alerts}. Each source authenticates with its own secret; the answer is 202 once every alert of
 * the request is committed, with what was done for each.
 *
 * <p>A servlet filter, not a Spring MVC controller: in an alert storm this is the hottest path of Firebreak, and the
 * request's own work (one statement for a repeat) was about half of its CPU time behind Spring MVC's handler lookup
 * (done twice, once more for Spring Security's request matching), argument and return value handling and content
 * negotiation (README, Performance). It runs inside the filters every request meets (the {@code 503} of an unreachable
 * database, NUL-free input, the login throttle, the HTTP metrics, whose {@code uri} tag it sets) and before Spring
 * Security, whose chains these paths never entered: each source proves itself with its own secret. Its refusals
 * are the same problem details as the API's, and whatever it throws is answered by the application's exception
 * handlers ({@link AlertApiErrors}, then the API's), as it was behind Spring MVC.
 */
class AlertEndpoint extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(AlertEndpoint.class);

  static final String GENERIC = "/api/alerts";
  static final String ALERTMANAGER = GENERIC + "/alertmanager";
  static final String PINGDOM = GENERIC + "/pingdom";
  static final String OPSGENIE = GENERIC + "/opsgenie";

  /** The answer: one outcome per alert, and why nothing was done when nothing was. */
  record AlertsAccepted(List<AlertOutcome> alerts, String note) {
  }

  /** A refusal before the body is read: its status and what was wrong. */
  private record Refusal(HttpStatus status, String detail) {
  }

  private final AlertIntake intake;
  private final AlertProperties properties;
  private final ObjectMapper json;
  private final HandlerExceptionResolver exceptionHandlers;

  AlertEndpoint(AlertIntake intake, AlertProperties properties, ObjectMapper json,
                HandlerExceptionResolver exceptionHandlers) {
    this.intake = intake;
    this.properties = properties;
    this.json = json;
    this.exceptionHandlers = exceptionHandlers;
  }

  /** The intake's paths, as the container resolved them (decoded and normalised); everything else passes. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isIntake(RequestPaths.of(request));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = RequestPaths.of(request);
    ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(path));
    try {
      if (!"POST".equals(request.getMethod())) {
        throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("POST"));
      }
      if (!acceptsJson(request)) {
        throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON));
      }
      take(path, request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (response.isCommitted() || exceptionHandlers.resolveException(request, response, null, e) == null) {
        throw e;
      }
    }
  }

  private void take(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (path) {
      case ALERTMANAGER -> {
        // Alertmanager webhook_configs with http_config.authorization (a bearer token).
        if (allowed(request, response, "alertmanager", bearer(request), properties.getAlertmanager())) {
          accept(response, AlertmanagerWebhook.alerts(read(request), properties.getAlertmanagerGroupBy()), null);
        }
      }
      case PINGDOM -> {
        // Pingdom cannot send headers: the secret is the token query parameter.
        if (allowed(request, response, "pingdom", request.getParameter("token"), properties.getPingdom())) {
          accept(response, AlertBatch.of(PingdomWebhook.alert(read(request))), null);
        }
      }
      case OPSGENIE -> {
        // Opsgenie sends the secret in a header of our choice (firebreak.alerts.opsgenie.header).
        AlertProperties.Source source = properties.getOpsgenie();
        if (allowed(request, response, "opsgenie", request.getHeader(source.getHeader()), source)) {
          opsgenie(response, read(request));
        }
      }
      default -> {
        // The generic format for every other source, with a bearer token.
        if (allowed(request, response, "generic", bearer(request), properties.getGeneric())) {
          accept(response, AlertBatch.of(GenericAlerts.alert(read(request))), null);
        }
      }
    }
  }

  private void opsgenie(HttpServletResponse response, JsonNode payload) throws IOException {
    var alert = OpsgenieWebhook.alert(payload);
    if (alert.isEmpty()) {
      String action = Payloads.text(payload, "action");
      log.info("Opsgenie action {} carries no alert meaning; ignored", action);
      accept(response, new AlertBatch(List.of(), List.of()), "action " + action + " carries no alert meaning; ignored");
    } else {
      accept(response, AlertBatch.of(alert.get()), null);
    }
  }

  /** The answer lists the rejected alerts first, then what was done with each taken one. */
  private void accept(HttpServletResponse response, AlertBatch batch, String note) throws IOException {
    if (!batch.rejected().isEmpty()) {
      log.warn("{} alert(s) of a request rejected: {}", batch.rejected().size(),
          batch.rejected().stream().map(AlertOutcome::reason).distinct().limit(5).toList());
    }
    List<AlertOutcome> outcomes = new ArrayList<>(batch.rejected());
    outcomes.addAll(intake.accept(batch.alerts()));
    AlertsAccepted accepted = new AlertsAccepted(outcomes, note);
    response.setStatus(HttpStatus.ACCEPTED.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), accepted);
  }

  /** Authentication, content type and size, checked before the body is read; false when refused (and answered). */
  private boolean allowed(HttpServletRequest request, HttpServletResponse response, String sourceName,
                          String presented, AlertProperties.Source source) throws IOException {
    Refusal refusal = refusal(request, sourceName, presented, source);
    if (refusal == null) {
      return true;
    }
    if (refusal.status() == HttpStatus.UNAUTHORIZED) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Firebreak alerts\"");
    }
    ApiProblem.write(request, response, json, refusal.status(), refusal.detail());
    return false;
  }

  private Refusal refusal(HttpServletRequest request, String sourceName, String presented,
                          AlertProperties.Source source) {
    if (source.getToken().isBlank()) {
      return new Refusal(HttpStatus.UNAUTHORIZED, "alert source " + sourceName + " is not configured: set its token");
    }
    if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
        source.getToken().getBytes(StandardCharsets.UTF_8))) {
      return new Refusal(HttpStatus.UNAUTHORIZED, "missing or wrong token for alert source " + sourceName);
    }
    String contentType = request.getContentType();
    if (!isJson(contentType)) {
      return new Refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type " + (contentType == null ? "(none)"
          : "'" + Payloads.shown(contentType) + "'") + " is not supported; send application/json in UTF-8");
    }
    if (request.getContentLengthLong() > properties.getMaxBodySize().toBytes()) {
      return new Refusal(HttpStatus.PAYLOAD_TOO_LARGE,
          "the body is larger than " + properties.getMaxBodySize().toBytes() + " bytes");
    }
    return null;
  }

  /** No Accept header, or one that takes JSON: the answers are JSON only. */
  private static boolean acceptsJson(HttpServletRequest request) {
    var accepted = request.getHeaders(HttpHeaders.ACCEPT);
    boolean any = false;
    while (accepted.hasMoreElements()) {
      String header = accepted.nextElement();
      any = true;
      try {
        for (MediaType type : MediaType.parseMediaTypes(header)) {
          if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return true;
          }
        }
      } catch (InvalidMediaTypeException e) {
        return false;
      }
    }
    return !any;
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

  private static boolean isIntake(String path) {
    return switch (path) {
      case GENERIC, ALERTMANAGER, PINGDOM, OPSGENIE -> true;
      default -> false;
    };
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    /**
     * Just before Spring Security's filter (and so inside every filter of {@code config} and the HTTP metrics'), for
     * the intake's paths only.
     */
    @Bean
    FilterRegistrationBean<AlertEndpoint> alertEndpoint(AlertIntake intake, AlertProperties properties,
        ObjectMapper json, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionHandlers) {
      var registration = new FilterRegistrationBean<>(new AlertEndpoint(intake, properties, json, exceptionHandlers));
      registration.setName("firebreak-alert-endpoint");
      registration.addUrlPatterns(GENERIC, GENERIC + "/*");
      registration.setDispatcherTypes(DispatcherType.REQUEST);
      registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
      return registration;
    }
  }
}
