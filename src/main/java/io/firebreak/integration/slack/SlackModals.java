package io.firebreak.integration.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.multiUsersSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import io.firebreak.incident.Impact;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentLimits;
import io.firebreak.incident.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The modals Slack shows for Firebreak, with the fields of the Tasklist forms they stand for
 * ({@code forms/declare-incident.form}, {@code forms/confirm-resolution.form}). Each input's block id and action id
 * are the form field's key, so a submission reads like the form's variables.
 */
final class SlackModals {

  static final String TITLE = "title";
  static final String SEVERITY = "severity";
  static final String IMPACT = "impact";
  static final String DESCRIPTION = "description";
  static final String RESOLUTION_SUMMARY = "resolutionSummary";
  static final String FINAL_EXTERNAL_MESSAGE = "finalExternalMessage";
  static final String POSTMORTEM_WANTED = "postmortemWanted";
  static final String STATUS = "status";
  static final String STATUS_UPDATE = "statusUpdate";
  static final String EXTERNAL_UPDATE_DRAFT = "externalUpdateDraft";
  static final String AFFECTED_COMPONENTS = "affectedComponents";
  static final String READY_TO_RESOLVE = "readyToResolve";
  static final String UPDATE_STATUS = "updateStatus";
  static final String EXTERNAL_UPDATE = "externalUpdate";
  static final String UPDATE_COMPONENTS = "updateComponents";
  static final String COMMUNICATIONS_MANAGER = "communicationsManager";
  static final String DOMAIN_EXPERTS = "domainExperts";
  private static final List<String> FIX_STATUSES = List.of("investigating", "identified", "monitoring");

  private SlackModals() {
  }

  /** "Declare incident": title, severity, customer impact, description; the channel to answer in rides along. */
  static View declare(String channel) {
    return view(v -> v.type("modal").callbackId(SlackControl.DECLARE_VIEW).privateMetadata(channel)
        .title(viewTitle(t -> t.type("plain_text").text("Declare an incident")))
        .submit(viewSubmit(s -> s.type("plain_text").text("Declare")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(List.of(
            input(i -> i.blockId(TITLE).label(plainText("Title"))
                .element(plainTextInput(p -> p.actionId(TITLE).maxLength(IncidentLimits.TITLE)))),
            input(i -> i.blockId(SEVERITY).label(plainText("Severity"))
                .element(staticSelect(s -> s.actionId(SEVERITY).options(severities())))),
            input(i -> i.blockId(IMPACT).label(plainText("Customer impact")).optional(true)
                .hint(plainText("Left empty: what the severity usually means"))
                .element(staticSelect(s -> s.actionId(IMPACT).options(impacts())))),
            input(i -> i.blockId(DESCRIPTION).label(plainText("Description")).optional(true)
                .element(plainTextInput(p -> p.actionId(DESCRIPTION).multiline(true)
                    .maxLength(IncidentLimits.DESCRIPTION)))))));
  }

  /** "Confirm resolution" of {@code incident}; its key and the channel to answer in ride along. */
  static View confirmResolution(Incident incident, String channel) {
    OptionObject current = impactOption(incident.impact());
    return view(v -> v.type("modal").callbackId(SlackControl.CONFIRM_RESOLUTION_VIEW)
        .privateMetadata(incident.key() + "|" + channel)
        .title(viewTitle(t -> t.type("plain_text").text("Confirm resolution")))
        .submit(viewSubmit(s -> s.type("plain_text").text("Resolve")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(List.of(
            section(s -> s.text(markdownText("*" + incident.key() + ": " + SlackChatOps.escape(incident.title())
                + "*\n" + incident.severity() + ", " + incident.status().value()))),
            input(i -> i.blockId(RESOLUTION_SUMMARY).label(plainText("Resolution summary"))
                .element(plainTextInput(p -> p.actionId(RESOLUTION_SUMMARY).multiline(true)))),
            input(i -> i.blockId(FINAL_EXTERNAL_MESSAGE).label(plainText("Final message for the status page"))
                .optional(true)
                .element(plainTextInput(p -> p.actionId(FINAL_EXTERNAL_MESSAGE).multiline(true)))),
            input(i -> i.blockId(IMPACT).label(plainText("Customer impact"))
                .element(staticSelect(s -> s.actionId(IMPACT).options(impacts()).initialOption(current)))),
            input(i -> i.blockId(POSTMORTEM_WANTED).label(plainText("Postmortem")).optional(true)
                .element(checkboxes(c -> c.actionId(POSTMORTEM_WANTED)
                    .options(List.of(option(plainText("Hold a postmortem"), "true")))))))));
  }

  /**
   * "Post an update", one round of "Lead the fix" ({@code forms/lead-the-fix.form}): status, internal update, external
   * update draft, affected components, customer impact, severity, ready to resolve. The role pickers and the early
   * endings stay in Tasklist; left out, they keep what the incident has.
   */
  static View postUpdate(Incident incident, String channel) {
    String status = incident.status() == null ? null : incident.status().value();
    return view(v -> v.type("modal").callbackId(SlackControl.POST_UPDATE_VIEW)
        .privateMetadata(incident.key() + "|" + channel)
        .title(viewTitle(t -> t.type("plain_text").text("Post an update")))
        .submit(viewSubmit(s -> s.type("plain_text").text("Post")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(List.of(
            section(s -> s.text(markdownText("*" + incident.key() + ": " + SlackChatOps.escape(incident.title())
                + "*"))),
            input(i -> i.blockId(STATUS).label(plainText("Status"))
                .element(staticSelect(s -> s.actionId(STATUS).options(statuses())
                    .initialOption(FIX_STATUSES.contains(status) ? option(plainText(status), status) : null)))),
            input(i -> i.blockId(STATUS_UPDATE).label(plainText("Status update (internal)"))
                .element(plainTextInput(p -> p.actionId(STATUS_UPDATE).multiline(true)))),
            input(i -> i.blockId(EXTERNAL_UPDATE_DRAFT).label(plainText("External update draft")).optional(true)
                .element(plainTextInput(p -> p.actionId(EXTERNAL_UPDATE_DRAFT).multiline(true)))),
            input(i -> i.blockId(AFFECTED_COMPONENTS).label(plainText("Affected components")).optional(true)
                .element(plainTextInput(p -> p.actionId(AFFECTED_COMPONENTS)))),
            input(i -> i.blockId(IMPACT).label(plainText("Customer impact"))
                .element(staticSelect(s -> s.actionId(IMPACT).options(impacts())
                    .initialOption(impactOption(incident.impact()))))),
            input(i -> i.blockId(SEVERITY).label(plainText("Severity"))
                .element(staticSelect(s -> s.actionId(SEVERITY).options(severities())
                    .initialOption(option(plainText(incident.severity().name()), incident.severity().name()))))),
            input(i -> i.blockId(READY_TO_RESOLVE).label(plainText("Ready to resolve")).optional(true)
                .element(checkboxes(c -> c.actionId(READY_TO_RESOLVE)
                    .options(List.of(option(plainText("The service has recovered"), "true")))))))));
  }

  /** "Publish external update" ({@code forms/publish-external-update.form}), filled in with the task's draft. */
  static View publishExternalUpdate(Incident incident, String channel, String status, String draft, String components) {
    return view(v -> v.type("modal").callbackId(SlackControl.PUBLISH_EXTERNAL_UPDATE_VIEW)
        .privateMetadata(incident.key() + "|" + channel)
        .title(viewTitle(t -> t.type("plain_text").text("Publish update")))
        .submit(viewSubmit(s -> s.type("plain_text").text("Publish")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(List.of(
            section(s -> s.text(markdownText("*" + incident.key() + ": " + SlackChatOps.escape(incident.title())
                + "*\nWhat customers read on the status page."))),
            input(i -> i.blockId(UPDATE_STATUS).label(plainText("Status"))
                .element(staticSelect(s -> s.actionId(UPDATE_STATUS).options(statuses())
                    .initialOption(FIX_STATUSES.contains(status) ? option(plainText(status), status) : null)))),
            input(i -> i.blockId(EXTERNAL_UPDATE).label(plainText("External update"))
                .element(plainTextInput(p -> p.actionId(EXTERNAL_UPDATE).multiline(true).initialValue(draft)))),
            input(i -> i.blockId(UPDATE_COMPONENTS).label(plainText("Affected components")).optional(true)
                .element(plainTextInput(p -> p.actionId(UPDATE_COMPONENTS).initialValue(components)))))));
  }

  /**
   * "Appoint roles" ({@code forms/appoint-roles.form}): the Communications Manager and the Domain Experts, picked from
   * Slack's people; Firebreak matches them to its users by e-mail when the modal is submitted.
   */
  static View appointRoles(Incident incident, String channel) {
    return view(v -> v.type("modal").callbackId(SlackControl.APPOINT_ROLES_VIEW)
        .privateMetadata(incident.key() + "|" + channel)
        .title(viewTitle(t -> t.type("plain_text").text("Appoint roles")))
        .submit(viewSubmit(s -> s.type("plain_text").text("Appoint")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(List.of(
            section(s -> s.text(markdownText("*" + incident.key() + ": " + SlackChatOps.escape(incident.title())
                + "*\n" + incident.severity() + ", " + incident.status().value()))),
            input(i -> i.blockId(COMMUNICATIONS_MANAGER).label(plainText("Communications Manager"))
                .element(usersSelect(u -> u.actionId(COMMUNICATIONS_MANAGER)))),
            input(i -> i.blockId(DOMAIN_EXPERTS).label(plainText("Domain Experts"))
                .element(multiUsersSelect(u -> u.actionId(DOMAIN_EXPERTS)))))));
  }

  /** A {@code users_select}'s chosen Slack user id, or null. */
  static String selectedUser(JsonNode values, String field) {
    String value = values.path(field).path(field).path("selected_user").asText("");
    return value.isEmpty() ? null : value;
  }

  /** A {@code multi_users_select}'s chosen Slack user ids, in the order chosen, without repeats. */
  static List<String> selectedUsers(JsonNode values, String field) {
    List<String> users = new ArrayList<>();
    for (JsonNode user : values.path(field).path(field).path("selected_users")) {
      String id = user.asText("");
      if (!id.isEmpty() && !users.contains(id)) {
        users.add(id);
      }
    }
    return users;
  }

  /** A text input's value, trimmed; null when empty. */
  static String text(JsonNode values, String field) {
    String value = values.path(field).path(field).path("value").asText("").trim();
    return value.isEmpty() ? null : value;
  }

  /** A select's chosen value, or null. */
  static String selected(JsonNode values, String field) {
    String value = values.path(field).path(field).path("selected_option").path("value").asText("");
    return value.isEmpty() ? null : value;
  }

  /** Whether the only box of a checkbox input is ticked. */
  static boolean checked(JsonNode values, String field) {
    return values.path(field).path(field).path("selected_options").size() > 0;
  }

  private static List<OptionObject> statuses() {
    return FIX_STATUSES.stream().map(s -> option(plainText(s), s)).toList();
  }

  private static List<OptionObject> severities() {
    return Arrays.stream(Severity.values()).map(s -> option(plainText(s.name()), s.name())).toList();
  }

  private static List<OptionObject> impacts() {
    return Arrays.stream(Impact.values()).map(SlackModals::impactOption).toList();
  }

  private static OptionObject impactOption(Impact impact) {
    return option(plainText(impact.value()), impact.value());
  }
}
