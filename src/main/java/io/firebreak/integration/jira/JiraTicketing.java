package io.firebreak.integration.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.ChannelNames;
import io.firebreak.integration.ConditionalOnSetting;
import io.firebreak.postmortem.FollowUp;
import io.firebreak.postmortem.FollowUps;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.OutsideHttp;
import io.firebreak.integration.RateLimits;
import io.firebreak.incident.Ticketing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Jira Cloud (REST v3, basic auth with email and API token, descriptions in ADF): the incident ticket, its links to
 * channel, bridge and status page as remote links (one per kind, so repeating them changes nothing), the transition
 * to Done by name when the incident closes, and follow-up issues related to the ticket.
 *
 * <p>Permissions: browse, create, edit, link and transition issues in the project; assign issues for follow-ups.
 */
@Component
@Primary
@ConditionalOnSetting({"firebreak.jira.base-url", "firebreak.jira.email", "firebreak.jira.api-token",
    "firebreak.jira.project-key"})
@EnableConfigurationProperties(JiraProperties.class)
class JiraTicketing implements Ticketing, FollowUps {

  private static final int MAX_SUMMARY = 255;

  private final RestClient http;
  private final JiraProperties properties;
  private final IncidentRepository incidents;
  private final RateLimits rateLimits;
  private final ObjectMapper json;

  JiraTicketing(JiraProperties properties, RestClient.Builder builder, IncidentRepository incidents,
                RateLimits rateLimits, ObjectMapper json) {
    this.properties = properties;
    String basic = Base64.getEncoder().encodeToString(
        (properties.email() + ":" + properties.apiToken()).getBytes(StandardCharsets.UTF_8));
    this.http = OutsideHttp.client(builder, "Jira", properties.baseUrl(), headers -> {
      headers.set("Authorization", "Basic " + basic);
      headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    });
    this.incidents = incidents;
    this.rateLimits = rateLimits;
    this.json = json;
  }

  @Override
  public Optional<ExternalLink> createTicket(Incident incident) {
    Adf description = new Adf(json)
        .paragraph(incident.severity() + ", customer impact " + incident.impact().value()
            + (incident.product() == null ? "" : ", product " + incident.product())
            + (incident.environment() == null ? "" : ", environment " + incident.environment()))
        .paragraph(incident.description());
    links(incident).forEach(link -> description.link(link.label(), link.title(), link.url()));
    description.paragraph("Opened by Firebreak for " + incident.key() + ". It closes this ticket when the postmortem "
        + "is published.");
    ObjectNode fields = issueFields(properties.issueType(), incident.key() + ": " + incident.title(), description,
        incident);
    return Optional.of(createIssue(fields));
  }

  @Override
  public void linkTicket(Incident incident) {
    if (incident.ticket() == null) {
      return;
    }
    for (Link link : links(incident)) {
      ObjectNode body = json.createObjectNode();
      body.put("globalId", "firebreak:" + incident.key() + ":" + link.kind());
      body.putObject("application").put("name", "Firebreak");
      body.putObject("object").put("url", link.url()).put("title", link.label() + ": " + link.title());
      rateLimits.run(() -> http.post().uri("/rest/api/3/issue/{key}/remotelink", incident.ticket().id())
          .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }
  }

  @Override
  public void closeTicket(Incident incident) {
    if (incident.ticket() == null) {
      incidents.appendTimeline(incident.key(), TimelineEntryType.TICKET, null, "No incident ticket to close");
      return;
    }
    linkTicket(incident);
    String key = incident.ticket().id();
    JsonNode transitions = rateLimits.call(() -> http.get().uri("/rest/api/3/issue/{key}/transitions", key)
        .retrieve().body(JsonNode.class));
    List<String> offered = new ArrayList<>();
    for (JsonNode transition : transitions.path("transitions")) {
      String name = transition.path("name").asText();
      if (name.equalsIgnoreCase(properties.doneTransition())) {
        ObjectNode body = json.createObjectNode();
        body.putObject("transition").put("id", transition.path("id").asText());
        rateLimits.run(() -> http.post().uri("/rest/api/3/issue/{key}/transitions", key)
            .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
        return;
      }
      offered.add(name);
    }
    JsonNode issue = rateLimits.call(() -> http.get().uri("/rest/api/3/issue/{key}?fields=status", key)
        .retrieve().body(JsonNode.class));
    if ("done".equals(issue.path("fields").path("status").path("statusCategory").path("key").asText())) {
      return;
    }
    throw new OutsideCallFailed("Jira offers no transition named '" + properties.doneTransition() + "' for " + key
        + " (it offers: " + String.join(", ", offered) + "); set FIREBREAK_JIRA_DONE_TRANSITION");
  }

  @Override
  public Optional<ExternalLink> createFollowUp(Incident incident, FollowUp followUp) {
    Adf description = new Adf(json).paragraph(followUp.description())
        .paragraph("Follow-up of " + incident.key() + ": " + incident.title()
            + (followUp.important() ? ". Important" : "") + (followUp.urgent() ? ". Urgent" : ""));
    ObjectNode fields = issueFields(properties.followUpIssueType(), followUp.title(), description, incident);
    if (followUp.due() != null) {
      fields.put("duedate", followUp.due().toString());
    }
    accountOf(followUp.ownerEmail()).ifPresent(account -> fields.putObject("assignee").put("accountId", account));
    return Optional.of(createIssue(fields));
  }

  /**
   * An issue link of the configured type from the follow-up to the incident ticket. Jira answers a request that
   * duplicates an existing link as created and adds no second link, so a retry may post it again.
   */
  @Override
  public void relateFollowUp(Incident incident, ExternalLink followUp) {
    if (incident.ticket() == null) {
      incidents.appendTimeline(incident.key(), TimelineEntryType.TICKET, null,
          "Follow-up " + followUp.id() + " is not linked: the incident has no ticket");
      return;
    }
    ObjectNode link = json.createObjectNode();
    link.putObject("type").put("name", properties.linkType());
    link.putObject("inwardIssue").put("key", followUp.id());
    link.putObject("outwardIssue").put("key", incident.ticket().id());
    rateLimits.run(() -> http.post().uri("/rest/api/3/issueLink").contentType(MediaType.APPLICATION_JSON).body(link)
        .retrieve().toBodilessEntity());
  }

  private ObjectNode issueFields(String issueType, String summary, Adf description, Incident incident) {
    ObjectNode fields = json.createObjectNode();
    fields.putObject("project").put("key", properties.projectKey());
    fields.putObject("issuetype").put("name", issueType);
    fields.put("summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…");
    fields.set("description", description.build());
    ArrayNode labels = fields.putArray("labels");
    labels.add("firebreak");
    labels.add(incident.key().toLowerCase(Locale.ROOT));
    return fields;
  }

  private ExternalLink createIssue(ObjectNode fields) {
    ObjectNode body = json.createObjectNode();
    body.set("fields", fields);
    JsonNode created = rateLimits.call(() -> http.post().uri("/rest/api/3/issue").contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().body(JsonNode.class));
    String key = created.path("key").asText();
    return new ExternalLink(key, properties.baseUrl() + "/browse/" + key);
  }

  private Optional<String> accountOf(String email) {
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    JsonNode users = rateLimits.call(() -> http.get().uri("/rest/api/3/user/search?query={email}", email)
        .retrieve().body(JsonNode.class));
    return users.isArray() && !users.isEmpty() ? Optional.of(users.get(0).path("accountId").asText()) : Optional.empty();
  }

  private static List<Link> links(Incident incident) {
    List<Link> links = new ArrayList<>();
    if (incident.chatChannel() != null) {
      links.add(new Link("chat", "Incident channel", "#" + ChannelNames.of(incident), incident.chatChannel().url()));
    }
    if (incident.bridge() != null) {
      links.add(new Link("bridge", "War room call", "Google Meet", incident.bridge().url()));
    }
    if (incident.statusPage() != null) {
      links.add(new Link("status-page", "Status page", "Status page incident", incident.statusPage().url()));
    }
    return links;
  }

  private record Link(String kind, String label, String title, String url) {
  }
}
