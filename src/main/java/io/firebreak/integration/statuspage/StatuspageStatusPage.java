package io.firebreak.integration.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Impact;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.ConditionalOnSetting;
import io.firebreak.integration.ExternalRefs;
import io.firebreak.incident.ExternalUpdate;
import io.firebreak.integration.OutsideHttp;
import io.firebreak.integration.RateLimits;
import io.firebreak.incident.StatusPage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Statuspage (REST v1, {@code Authorization: OAuth <key>}): the first published update creates the status-page
 * incident, later ones update it, the resolution resolves it. The affected components are named by the
 * Communications Manager ("API, Dashboard") and matched by name to the page's components; they are shown as
 * degraded, partially or fully out according to the incident's customer impact, and operational again at resolution.
 */
@Component
@Primary
@ConditionalOnSetting({"firebreak.statuspage.api-key", "firebreak.statuspage.page-id"})
@EnableConfigurationProperties(StatuspageProperties.class)
class StatuspageStatusPage implements StatusPage {

  static final String COMPONENTS = "statuspage.components";

  private final RestClient http;
  private final StatuspageProperties properties;
  private final IncidentRepository incidents;
  private final ExternalRefs refs;
  private final RateLimits rateLimits;
  private final ObjectMapper json;

  StatuspageStatusPage(StatuspageProperties properties, RestClient.Builder builder, IncidentRepository incidents,
                       ExternalRefs refs, RateLimits rateLimits, ObjectMapper json) {
    this.properties = properties;
    this.http = OutsideHttp.client(builder, "Statuspage", properties.baseUrl(),
        headers -> headers.set("Authorization", "OAuth " + properties.apiKey()));
    this.incidents = incidents;
    this.refs = refs;
    this.rateLimits = rateLimits;
    this.json = json;
  }

  @Override
  public Optional<ExternalLink> publishUpdate(Incident incident, ExternalUpdate update) {
    Map<String, String> components = components(incident, update.affectedComponents());
    rememberComponents(incident, components.keySet());
    ObjectNode body = json.createObjectNode();
    ObjectNode fields = body.putObject("incident");
    fields.put("status", update.status().value());
    fields.put("body", update.message());
    ObjectNode statuses = fields.putObject("components");
    String componentStatus = componentStatus(incident.impact());
    components.keySet().forEach(id -> statuses.put(id, componentStatus));
    components.keySet().forEach(fields.putArray("component_ids")::add);
    if (incident.statusPage() != null) {
      rateLimits.run(() -> http.patch().uri("/pages/{page}/incidents/{id}", properties.pageId(), incident.statusPage().id())
          .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
      return Optional.of(incident.statusPage());
    }
    fields.put("name", incident.title());
    fields.put("impact_override", incident.impact().value());
    fields.put("deliver_notifications", properties.notifySubscribers());
    JsonNode created = rateLimits.call(() -> http.post().uri("/pages/{page}/incidents", properties.pageId())
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class));
    String url = created.path("shortlink").asText(null);
    return Optional.of(new ExternalLink(created.path("id").asText(), url));
  }

  @Override
  public void resolve(Incident incident, String finalMessage) {
    if (incident.statusPage() == null) {
      incidents.appendTimeline(incident.key(), TimelineEntryType.STATUS_PAGE, null,
          "No status page incident to resolve: no external update was published");
      return;
    }
    ObjectNode body = json.createObjectNode();
    ObjectNode fields = body.putObject("incident");
    fields.put("status", "resolved");
    fields.put("body", finalMessage == null || finalMessage.isBlank()
        ? "This incident has been resolved." : finalMessage);
    ObjectNode statuses = fields.putObject("components");
    Set<String> touched = touchedComponents(incident);
    touched.forEach(id -> statuses.put(id, "operational"));
    touched.forEach(fields.putArray("component_ids")::add);
    rateLimits.run(() -> http.patch().uri("/pages/{page}/incidents/{id}", properties.pageId(), incident.statusPage().id())
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
  }

  /** The page's components the update names, by id; names the page does not have are noted on the timeline. */
  private Map<String, String> components(Incident incident, String affected) {
    Map<String, String> matched = new LinkedHashMap<>();
    if (affected == null || affected.isBlank()) {
      return matched;
    }
    JsonNode all = rateLimits.call(() -> http.get().uri("/pages/{page}/components", properties.pageId())
        .retrieve().body(JsonNode.class));
    List<String> unknown = new ArrayList<>();
    for (String name : affected.split("[,;\\n]")) {
      String wanted = name.trim();
      if (wanted.isEmpty()) {
        continue;
      }
      Optional<JsonNode> component = stream(all)
          .filter(c -> c.path("name").asText("").trim().equalsIgnoreCase(wanted))
          .findFirst();
      component.ifPresentOrElse(c -> matched.put(c.path("id").asText(), c.path("name").asText()),
          () -> unknown.add(wanted));
    }
    if (!unknown.isEmpty()) {
      incidents.appendTimeline(incident.key(), TimelineEntryType.STATUS_PAGE, null,
          "The status page has no component named " + String.join(", ", unknown) + "; published without it");
    }
    return matched;
  }

  private void rememberComponents(Incident incident, Set<String> ids) {
    Set<String> touched = touchedComponents(incident);
    if (touched.addAll(ids)) {
      refs.put(incident.key(), COMPONENTS, String.join(",", touched));
    }
  }

  private Set<String> touchedComponents(Incident incident) {
    return refs.find(incident.key(), COMPONENTS)
        .map(ids -> new LinkedHashSet<>(Arrays.asList(ids.split(","))))
        .orElseGet(LinkedHashSet::new);
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> nodes = new ArrayList<>();
    array.forEach(nodes::add);
    return nodes.stream();
  }

  /** Statuspage's component statuses, from our customer impact. */
  static String componentStatus(Impact impact) {
    return switch (impact) {
      case NONE, MINOR -> "degraded_performance";
      case MAJOR -> "partial_outage";
      case CRITICAL -> "major_outage";
    };
  }
}
