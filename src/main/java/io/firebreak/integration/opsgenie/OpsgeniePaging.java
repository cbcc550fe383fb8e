package io.firebreak.integration.opsgenie;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.ConditionalOnSetting;
import io.firebreak.integration.ExternalRefs;
import io.firebreak.integration.OutsideHttp;
import io.firebreak.incident.Paging;
import io.firebreak.integration.RateLimits;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Opsgenie's Alert API ({@code Authorization: GenieKey <key>}). Pages the on-call team with an alert whose alias is
 * the incident's ({@code firebreak-INC-7}): Opsgenie folds a repeated create into the open alert, so a retried page
 * never pages twice. Acknowledges the source alert of incidents Opsgenie started (by its alias) when an Incident
 * Manager takes the role, and closes it, and the page, at resolution. Opsgenie answers 202 and works asynchronously.
 *
 * <p>Permissions: an API integration with read and create-and-update access.
 */
@Component
@Primary
@ConditionalOnSetting("firebreak.opsgenie.api-key")
@EnableConfigurationProperties(OpsgenieProperties.class)
class OpsgeniePaging implements Paging {

  static final String PAGE = "opsgenie.page";
  private static final String SOURCE = "opsgenie";
  private static final String FIREBREAK = "Firebreak";

  private final RestClient http;
  private final OpsgenieProperties properties;
  private final IncidentRepository incidents;
  private final ExternalRefs refs;
  private final RateLimits rateLimits;
  private final ObjectMapper json;

  OpsgeniePaging(OpsgenieProperties properties, RestClient.Builder builder, IncidentRepository incidents,
                 ExternalRefs refs, RateLimits rateLimits, ObjectMapper json) {
    this.properties = properties;
    this.http = OutsideHttp.client(builder, "Opsgenie", properties.baseUrl(),
        headers -> headers.set("Authorization", "GenieKey " + properties.apiKey()));
    this.incidents = incidents;
    this.refs = refs;
    this.rateLimits = rateLimits;
    this.json = json;
  }

  @Override
  public void pageOnCall(Incident incident) {
    String alias = "firebreak-" + incident.key();
    ObjectNode body = json.createObjectNode();
    body.put("message", truncate(incident.key() + " " + incident.severity() + ": " + incident.title(), 130));
    body.put("alias", alias);
    body.put("description", incident.description() == null ? incident.title() : incident.description());
    body.put("priority", incident.severity() == Severity.SEV1 ? "P1" : "P2");
    body.put("source", FIREBREAK);
    if (properties.team() != null && !properties.team().isBlank()) {
      body.putArray("responders").addObject().put("type", "team").put("name", properties.team());
    }
    body.putArray("tags").add("firebreak").add(incident.severity().name());
    ObjectNode details = body.putObject("details").put("incident", incident.key());
    if (incident.chatChannel() != null) {
      details.put("channel", incident.chatChannel().url());
    }
    rateLimits.run(() -> http.post().uri("/v2/alerts").contentType(MediaType.APPLICATION_JSON).body(body)
        .retrieve().toBodilessEntity());
    refs.put(incident.key(), PAGE, alias);
  }

  @Override
  public void acknowledgeAlert(Incident incident) {
    Optional<String> alias = sourceAlias(incident);
    if (alias.isEmpty()) {
      incidents.appendTimeline(incident.key(), TimelineEntryType.PAGING, null,
          "Nothing to acknowledge in Opsgenie: the alert came from " + incident.source());
      return;
    }
    act(alias.get(), "acknowledge", incident.roles().incidentManager() + " took the Incident Manager role for "
        + incident.key());
  }

  @Override
  public void closeAlert(Incident incident) {
    sourceAlias(incident).ifPresent(alias -> act(alias, "close", incident.key() + " is resolved"));
    refs.find(incident.key(), PAGE).ifPresent(alias -> act(alias, "close", incident.key() + " is resolved"));
  }

  private void act(String alias, String action, String note) {
    ObjectNode body = json.createObjectNode().put("user", FIREBREAK).put("source", FIREBREAK).put("note", note);
    rateLimits.run(() -> http.post().uri("/v2/alerts/{alias}/{action}?identifierType=alias", alias, action)
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
  }

  /** The Opsgenie alias of the alert that started the incident, when Opsgenie sent it (fingerprint opsgenie:alias). */
  private static Optional<String> sourceAlias(Incident incident) {
    String fingerprint = incident.alertFingerprint();
    if (!SOURCE.equals(incident.source()) || fingerprint == null || !fingerprint.startsWith(SOURCE + ":")) {
      return Optional.empty();
    }
    return Optional.of(fingerprint.substring(SOURCE.length() + 1));
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
