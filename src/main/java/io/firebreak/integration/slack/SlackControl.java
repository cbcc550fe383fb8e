package io.firebreak.integration.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.view.View;
import io.firebreak.config.FirebreakGroups;
import io.firebreak.incident.Impact;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentActionForbiddenException;
import io.firebreak.incident.IncidentDeclarations;
import io.firebreak.incident.IncidentNotes;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentRoleChanges;
import io.firebreak.incident.ProcessVariables;
import io.firebreak.incident.RejectedInput;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import io.firebreak.integration.OutsideCallFailed;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slack as a control surface: what a slash command, a button or a modal asks for, done as the Firebreak user the
 * Slack user is (matched by e-mail: {@code users.info} → profile e-mail → the Camunda user with that e-mail). Every
 * change goes through the same service or the same Camunda user task Tasklist uses, with the engine's authorizations
 * of that user, in one transaction; who may not act is told why in an ephemeral message and nothing changes.
 *
 * <p>The endpoints answer Slack at once; the work (Web API calls, the engine) runs right after on a small executor of
 * its own, and its outcome is posted ephemerally ({@code chat.postEphemeral}) to the one who asked.
 */
@Component
@EnableConfigurationProperties(SlackProperties.class)
class SlackControl {

  /**
   * Block ids of the buttons: on the pinned summary, on the welcome (while nobody leads) and on the response team's
   * introduction. Each button is handled by its action id, wherever it is; the block id only says where it was.
   */
  static final String SUMMARY_ACTIONS = "incident_actions";
  static final String WELCOME_ACTIONS = "welcome_actions";
  static final String RESPONSE_TEAM_ACTIONS = "response_team_actions";
  static final String TAKE_INCIDENT_MANAGER_ROLE = "take_incident_manager_role";
  static final String CONFIRM_RESOLUTION = "confirm_resolution";
  static final String POST_UPDATE = "post_update";
  static final String PUBLISH_EXTERNAL_UPDATE = "publish_external_update";
  static final String APPOINT_ROLES = "appoint_roles";
  /** Callback ids of the modals and shortcuts, as in {@code slack/manifest.yml}. */
  static final String DECLARE_VIEW = "declare_incident";
  static final String CONFIRM_RESOLUTION_VIEW = "confirm_resolution";
  static final String POST_UPDATE_VIEW = "post_update";
  static final String PUBLISH_EXTERNAL_UPDATE_VIEW = "publish_external_update";
  static final String APPOINT_ROLES_VIEW = "appoint_roles";
  static final String ADD_TO_TIMELINE = "add_to_timeline";

  static final String USAGE = """
      `/incident` — in an incident channel: its state and what is due; elsewhere: declare an incident
      `/incident note <text>` — add a note to the incident's timeline
      `/incident severity SEV1` — change the severity: a round of Lead the fix (the Incident Manager)
      `/incident role cm @someone` — appoint the Communications Manager (the Incident Manager)
      `/incident role cm @someone de @someone @another` — Appoint roles, both roles at once, while it is open""";

  private static final Logger log = LoggerFactory.getLogger(SlackControl.class);
  private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");

  /** A slash command as Slack sent it. */
  record Command(String user, String channel, String text, String triggerId) {
  }

  /** The Firebreak user a Slack user is, with the groups Tasklist would see them in. */
  record Responder(String id, List<String> groups) {
  }

  /** Why someone may not do what they asked; shown to them as it is. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final SlackProperties properties;
  private final IncidentRepository incidents;
  private final IncidentDeclarations declarations;
  private final IncidentNotes notes;
  private final IncidentRoleChanges roleChanges;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final ManagementService managementService;
  private final TransactionTemplate transactions;
  private final ExecutorService work;
  private volatile MethodsClient slack;

  SlackControl(SlackProperties properties, IncidentRepository incidents, IncidentDeclarations declarations, IncidentNotes notes, IncidentRoleChanges roleChanges,
               IdentityService identityService, TaskService taskService, HistoryService historyService,
               ManagementService managementService, PlatformTransactionManager transactionManager) {
    this.roleChanges = roleChanges;
    this.properties = properties;
    this.incidents = incidents;
    this.declarations = declarations;
    this.notes = notes;
    this.identityService = identityService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.managementService = managementService;
    this.transactions = new TransactionTemplate(transactionManager);
    AtomicInteger threads = new AtomicInteger();
    // Two threads and a bounded queue: a flood of clicks waits, and beyond 100 waiting is refused, not queued forever.
    this.work = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(100), runnable -> {
      Thread thread = new Thread(runnable, "firebreak-slack-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @PreDestroy
  void stop() {
    work.shutdown();
  }

  // ---- what Slack sent -------------------------------------------------------------------------------------------

  /** A slash command: the answer to give at once (a usage text), or null when the outcome follows ephemerally. */
  String command(Command command) {
    String text = command.text() == null ? "" : command.text().trim();
    String[] words = text.split("\\s+", 2);
    String verb = words[0].toLowerCase(java.util.Locale.ROOT);
    String rest = words.length > 1 ? words[1].trim() : "";
    switch (verb) {
      case "" -> later(command.user(), command.channel(), () -> stateOrDeclare(command));
      case "note" -> {
        if (rest.isEmpty()) {
          return "Say what to note: `/incident note <text>`";
        }
        later(command.user(), command.channel(), () -> note(command.user(), command.channel(), rest));
      }
      case "severity" -> {
        Severity severity;
        try {
          severity = Severity.parse(rest);
        } catch (IllegalArgumentException e) {
          return "Which severity? `/incident severity SEV1` (SEV1, SEV2, SEV3 or SEV4)";
        }
        later(command.user(), command.channel(), () -> severity(command.user(), command.channel(), severity));
      }
      case "role" -> {
        // cm @someone and/or de @someone @another, in either order; each role named needs its people
        List<String> managers = new ArrayList<>();
        List<String> experts = new ArrayList<>();
        List<String> naming = null;
        boolean understood = !rest.isBlank();
        boolean namedManager = false;
        boolean namedExperts = false;
        for (String word : rest.trim().split("\\s+")) {
          Matcher mention = MENTION.matcher(word);
          if (word.equalsIgnoreCase("cm")) {
            naming = managers;
            namedManager = true;
          } else if (word.equalsIgnoreCase("de")) {
            naming = experts;
            namedExperts = true;
          } else if (naming != null && mention.matches()) {
            if (!naming.contains(mention.group(1))) {
              naming.add(mention.group(1));
            }
          } else {
            understood = false;
          }
        }
        if (!understood || managers.size() > 1 || (namedManager && managers.isEmpty())
            || (namedExperts && experts.isEmpty())) {
          return "Whom, as what? `/incident role cm @someone` appoints the Communications Manager, "
              + "`/incident role cm @someone de @someone @another` both roles while Appoint roles is open";
        }
        String manager = managers.isEmpty() ? null : managers.get(0);
        later(command.user(), command.channel(), () -> appoint(command.user(), command.channel(), manager, experts));
      }
      default -> {
        return USAGE;
      }
    }
    return null;
  }

  /** A button, a modal submission or a shortcut: the answer for Slack (a modal's field errors), or null. */
  Map<String, Object> interaction(JsonNode payload) {
    String type = payload.path("type").asText();
    String user = payload.path("user").path("id").asText();
    switch (type) {
      case "block_actions" -> {
        JsonNode action = payload.path("actions").path(0);
        String channel = payload.path("channel").path("id").asText(payload.path("container").path("channel_id").asText());
        String key = action.path("value").asText();
        String trigger = payload.path("trigger_id").asText(null);
        switch (action.path("action_id").asText()) {
          case TAKE_INCIDENT_MANAGER_ROLE -> later(user, channel, () -> takeIncidentManagerRole(user, key));
          case CONFIRM_RESOLUTION -> later(user, channel, () -> openTaskModal(user, key, trigger,
              IncidentProcess.Elements.CONFIRM_RESOLUTION, "Confirm resolution",
              (incident, task) -> SlackModals.confirmResolution(incident, channel)));
          case POST_UPDATE -> later(user, channel, () -> openTaskModal(user, key, trigger,
              IncidentProcess.Elements.LEAD_THE_FIX, "Lead the fix",
              (incident, task) -> SlackModals.postUpdate(incident, channel)));
          case APPOINT_ROLES -> later(user, channel, () -> openTaskModal(user, key, trigger,
              IncidentProcess.Elements.APPOINT_ROLES, "Appoint roles",
              (incident, task) -> SlackModals.appointRoles(incident, channel)));
          case PUBLISH_EXTERNAL_UPDATE -> later(user, channel, () -> openTaskModal(user, key, trigger,
              IncidentProcess.Elements.PUBLISH_EXTERNAL_UPDATE, "Publish external update",
              (incident, task) -> SlackModals.publishExternalUpdate(incident, channel,
                  (String) taskService.getVariable(task.getId(), IncidentProcess.Variables.UPDATE_STATUS),
                  (String) taskService.getVariable(task.getId(), IncidentProcess.Variables.EXTERNAL_UPDATE),
                  (String) taskService.getVariable(task.getId(), IncidentProcess.Variables.UPDATE_COMPONENTS))));
          default -> {
            // Another app's or an older message's button: nothing to do.
          }
        }
        return null;
      }
      case "view_submission" -> {
        JsonNode view = payload.path("view");
        JsonNode values = view.path("state").path("values");
        String callback = view.path("callback_id").asText();
        if (DECLARE_VIEW.equals(callback)) {
          return submitDeclaration(user, view.path("private_metadata").asText(""), values);
        }
        if (CONFIRM_RESOLUTION_VIEW.equals(callback)) {
          return submitResolution(user, view.path("private_metadata").asText(""), values);
        }
        if (POST_UPDATE_VIEW.equals(callback)) {
          return submitUpdate(user, view.path("private_metadata").asText(""), values);
        }
        if (PUBLISH_EXTERNAL_UPDATE_VIEW.equals(callback)) {
          return submitExternalUpdate(user, view.path("private_metadata").asText(""), values);
        }
        if (APPOINT_ROLES_VIEW.equals(callback)) {
          return submitRoles(user, view.path("private_metadata").asText(""), values);
        }
        return null;
      }
      case "shortcut" -> {
        if (DECLARE_VIEW.equals(payload.path("callback_id").asText())) {
          String trigger = payload.path("trigger_id").asText(null);
          later(user, user, () -> {
            openView(trigger, SlackModals.declare(""));
            return null;
          });
        }
        return null;
      }
      case "message_action" -> {
        if (ADD_TO_TIMELINE.equals(payload.path("callback_id").asText())) {
          String channel = payload.path("channel").path("id").asText();
          String text = payload.path("message").path("text").asText("");
          later(user, channel, () -> text.isBlank() ? "That message has no text to add."
              : note(user, channel, text));
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  // ---- the work --------------------------------------------------------------------------------------------------

  private String stateOrDeclare(Command command) {
    Optional<Incident> incident = incidents.findByChatChannel(command.channel());
    if (incident.isEmpty()) {
      openView(command.triggerId(), SlackModals.declare(command.channel()));
      return null;
    }
    Responder who = responder(command.user());
    requireMember(who, "see incidents");
    return state(incident.get());
  }

  /** A note through the same service as the incident page's: its rule of who may, and on to the channel. */
  private String note(String slackUser, String channel, String text) {
    Incident incident = incidentOf(channel);
    Responder who = responder(slackUser);
    transactions.executeWithoutResult(status -> notes.add(incident.key(), who.id(), who.groups(), text));
    return "Noted on " + incident.key() + "'s timeline.";
  }

  /**
   * A severity change is a round of "Lead the fix" with only the severity changed (the status, draft, components and
   * impact as they are), so its listeners and the model's gateways (bridge, paging, status-page draft) apply exactly
   * as when the Incident Manager submits the round in Tasklist.
   */
  private String severity(String slackUser, String channel, Severity severity) {
    Incident incident = incidentOf(channel);
    Responder who = responder(slackUser);
    requireIncidentManager(incident, who, "change the severity");
    if (incident.severity() == severity) {
      return incident.key() + " is " + severity + " already.";
    }
    leadTheFixRound(incident, who, "The severity", "Severity changed to " + severity + " by " + who.id(),
        Map.of(IncidentProcess.Variables.SEVERITY, severity.name()));
    return incident.key() + ": severity " + incident.severity() + " → " + severity + ".";
  }

  /**
   * A round of "Lead the fix" that changes only {@code changes} (the status, draft, components, impact and severity as
   * they are), so its listeners and the model's gateways apply as when the Incident Manager submits it in Tasklist.
   */
  private void leadTheFixRound(Incident incident, Responder who, String what, String statusUpdate,
                               Map<String, Object> changes) {
    Task round = openTask(incident, IncidentProcess.Elements.LEAD_THE_FIX);
    if (round == null) {
      throw new Refused(what + " of " + incident.key() + " changes with a round of \"Lead the fix\", and that is "
          + "not open now (" + waitingFor(incident) + "); try again once it is.");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(IncidentProcess.Variables.STATUS, incident.status().value());
    variables.put(IncidentProcess.Variables.STATUS_UPDATE, statusUpdate);
    variables.put(IncidentProcess.Variables.EXTERNAL_UPDATE_DRAFT,
        taskService.getVariable(round.getId(), IncidentProcess.Variables.EXTERNAL_UPDATE_DRAFT));
    variables.put(IncidentProcess.Variables.AFFECTED_COMPONENTS,
        taskService.getVariable(round.getId(), IncidentProcess.Variables.AFFECTED_COMPONENTS));
    variables.put(IncidentProcess.Variables.IMPACT, incident.impact().value());
    variables.put(IncidentProcess.Variables.SEVERITY, incident.severity().name());
    variables.put(IncidentProcess.Variables.READY_TO_RESOLVE, false);
    variables.putAll(changes);
    completeTask(incident, IncidentProcess.Elements.LEAD_THE_FIX, "Lead the fix", who, variables);
  }

  /**
   * {@code /incident role cm @… de @…}: while "Appoint roles" is open, the command completes that task (as its form in
   * Tasklist does) with both the Communications Manager and the Domain Experts, so it needs both at once: nothing is
   * kept between commands, and any node may take the next one. Afterwards the Communications Manager changes through
   * {@link IncidentRoleChanges#appointCommunicationsManager}; the Domain Experts change in a round of "Lead the fix",
   * where their "Share findings" tasks follow.
   */
  private String appoint(String slackUser, String channel, String managerSlackUser, List<String> expertSlackUsers) {
    Incident incident = incidentOf(channel);
    Responder who = responder(slackUser);
    if (openTask(incident, IncidentProcess.Elements.APPOINT_ROLES) == null) {
      if (!expertSlackUsers.isEmpty()) {
        // Afterwards the Domain Experts change in a round of "Lead the fix", where the model gives new ones their
        // "Share findings" (as the Incident Manager's form in Tasklist does).
        requireIncidentManager(incident, who, "appoint roles");
        List<String> experts = appointees(expertSlackUsers);
        Map<String, Object> changes = new HashMap<>();
        changes.put(IncidentProcess.Variables.DOMAIN_EXPERTS, ProcessVariables.jsonList(experts));
        if (managerSlackUser != null) {
          changes.put(IncidentProcess.Variables.COMMUNICATIONS_MANAGER, appointees(List.of(managerSlackUser)).get(0));
        }
        leadTheFixRound(incident, who, "The Domain Experts", "Domain Experts now " + String.join(", ", experts)
            + " (by " + who.id() + ")", changes);
        return "Domain Experts of " + incident.key() + ": " + String.join(", ", experts) + ".";
      }
      return appointCommunicationsManager(incident, who, managerSlackUser);
    }
    openTaskFor(incident, IncidentProcess.Elements.APPOINT_ROLES, "Appoint roles", who);
    if (managerSlackUser == null || expertSlackUsers.isEmpty()) {
      return "\"Appoint roles\" of " + incident.key() + " takes both roles at once: `/incident role cm @someone de "
          + "@someone @another`, or the *Appoint roles* button on the pinned summary.";
    }
    String manager = appointees(List.of(managerSlackUser)).get(0);
    return completeAppointRoles(incident, who, manager, appointees(expertSlackUsers));
  }

  /** "Appoint roles" completed with what its form sends: the Communications Manager and the Domain Experts. */
  private String completeAppointRoles(Incident incident, Responder who, String manager, List<String> experts) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(IncidentProcess.Variables.COMMUNICATIONS_MANAGER, manager);
    variables.put(IncidentProcess.Variables.DOMAIN_EXPERTS, ProcessVariables.jsonList(experts));
    completeTask(incident, IncidentProcess.Elements.APPOINT_ROLES, "Appoint roles", who, variables);
    return "Roles of " + incident.key() + " appointed: Communications Manager " + manager + ", Domain Experts "
        + String.join(", ", experts) + ".";
  }

  /** The Firebreak users the Slack users are; one Firebreak does not know refuses all with why. */
  private List<String> appointees(List<String> slackUsers) {
    List<String> ids = new ArrayList<>();
    for (String slackUser : slackUsers) {
      String id = responder(slackUser, "<@" + slackUser + ">").id();
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * The Communications Manager changed after "Appoint roles": on the record and in the process at once; the channel
   * learns it as after "Appoint roles" (the newcomer invited, the team named, the pinned summary anew) in a retried step
   * of its own ({@link IncidentRoleChanges}), so Slack being down neither loses the announcement nor the change.
   */
  private String appointCommunicationsManager(Incident incident, Responder who, String appointeeSlackUser) {
    requireIncidentManager(incident, who, "appoint roles");
    Responder appointee = responder(appointeeSlackUser, "<@" + appointeeSlackUser + ">");
    roleChanges.appointCommunicationsManager(incident.key(), who.id(), appointee.id());
    return appointee.id() + " is the Communications Manager of " + incident.key() + " now.";
  }

  /** The modal "Appoint roles": the people picked in Slack, matched to Firebreak's users, complete the task. */
  private Map<String, Object> submitRoles(String slackUser, String metadata, JsonNode values) {
    String manager = SlackModals.selectedUser(values, SlackModals.COMMUNICATIONS_MANAGER);
    List<String> experts = SlackModals.selectedUsers(values, SlackModals.DOMAIN_EXPERTS);
    Map<String, String> errors = new HashMap<>();
    if (manager == null) {
      errors.put(SlackModals.COMMUNICATIONS_MANAGER, "Choose who speaks to customers and stakeholders.");
    }
    if (experts.isEmpty()) {
      errors.put(SlackModals.DOMAIN_EXPERTS, "Choose at least one Domain Expert.");
    }
    if (!errors.isEmpty()) {
      return Map.of("response_action", "errors", "errors", errors);
    }
    String[] keyAndChannel = metadata.split("\\|", 2);
    String key = keyAndChannel[0];
    String channel = keyAndChannel.length > 1 && !keyAndChannel[1].isBlank() ? keyAndChannel[1] : slackUser;
    later(slackUser, channel, () -> {
      Incident incident = incidents.find(key).orElseThrow(() -> new Refused("Firebreak knows no incident " + key + "."));
      Responder who = responder(slackUser);
      openTaskFor(incident, IncidentProcess.Elements.APPOINT_ROLES, "Appoint roles", who);
      String appointed = appointees(List.of(manager)).get(0);
      return completeAppointRoles(incident, who, appointed, appointees(experts));
    });
    return null;
  }

  private Task openTask(Incident incident, String definitionKey) {
    return taskService.createTaskQuery().processInstanceId(incident.processInstanceId())
        .taskDefinitionKey(definitionKey).orderByTaskCreateTime().asc().listPage(0, 1).stream().findFirst()
        .orElse(null);
  }

  private String waitingFor(Incident incident) {
    List<String> open = taskService.createTaskQuery().processInstanceId(incident.processInstanceId())
        .orderByTaskCreateTime().asc().list().stream().map(Task::getName).distinct().toList();
    return open.isEmpty() ? "the incident is " + incident.stage().name().toLowerCase(java.util.Locale.ROOT)
        : "waiting for: " + String.join(", ", open);
  }

  private String takeIncidentManagerRole(String slackUser, String key) {
    Incident incident = incidentOfButton(key, "Take the Incident Manager role");
    Responder who = responder(slackUser);
    completeTask(incident, IncidentProcess.Elements.TAKE_INCIDENT_MANAGER_ROLE, "Take the Incident Manager role", who,
        Map.of("incidentManagerRoleTaken", true));
    return "You are the Incident Manager of " + key + " now. Appoint the roles with *Appoint roles* on the pinned "
        + "summary, `/incident role cm @someone de @someone @another`, or in Tasklist.";
  }

  /**
   * The incident a button is for, while buttons apply to it: opening and in the Fix, the stages whose messages carry
   * them (the pinned summary, the welcome, the response team). The summary loses its buttons as the incident moves on,
   * but the other messages stay in the channel's history as they were posted: one of their buttons pressed once the
   * incident is resolved is told so, and no task changes.
   */
  private Incident incidentOfButton(String key, String name) {
    Incident incident = incidents.find(key).orElseThrow(() -> new Refused("Firebreak knows no incident " + key + "."));
    if (incident.stage() != Stage.OPEN && incident.stage() != Stage.FIX) {
      String now = switch (incident.stage()) {
        case RESOLVED -> "resolved";
        case IMPROVE -> "resolved, and its postmortem is under way";
        default -> "closed";
      };
      throw new Refused("That button is from an earlier stage of " + key + ": the incident is " + now
          + ", so there is no \"" + name + "\" to do any more and nothing changed. `/incident` shows what is open.");
    }
    return incident;
  }

  /** The modal of a task's form, once {@code slackUser} may work on the task as Tasklist would let them. */
  private String openTaskModal(String slackUser, String key, String triggerId, String definitionKey, String name,
                               java.util.function.BiFunction<Incident, Task, View> modal) {
    Incident incident = incidentOfButton(key, name);
    Responder who = responder(slackUser);
    Task task = openTaskFor(incident, definitionKey, name, who);
    openView(triggerId, modal.apply(incident, task));
    return null;
  }

  /** "Post an update": one round of Lead the fix, with the fields of its form. */
  private Map<String, Object> submitUpdate(String slackUser, String metadata, JsonNode values) {
    String status = SlackModals.selected(values, SlackModals.STATUS);
    String update = SlackModals.text(values, SlackModals.STATUS_UPDATE);
    Map<String, String> errors = new HashMap<>();
    if (status == null) {
      errors.put(SlackModals.STATUS, "Choose a status.");
    }
    if (update == null) {
      errors.put(SlackModals.STATUS_UPDATE, "Say where the fix stands.");
    }
    if (!errors.isEmpty()) {
      return Map.of("response_action", "errors", "errors", errors);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(IncidentProcess.Variables.STATUS, status);
    variables.put(IncidentProcess.Variables.STATUS_UPDATE, update);
    variables.put(IncidentProcess.Variables.EXTERNAL_UPDATE_DRAFT,
        SlackModals.text(values, SlackModals.EXTERNAL_UPDATE_DRAFT));
    variables.put(IncidentProcess.Variables.AFFECTED_COMPONENTS,
        SlackModals.text(values, SlackModals.AFFECTED_COMPONENTS));
    putSelected(variables, values, SlackModals.IMPACT, IncidentProcess.Variables.IMPACT);
    putSelected(variables, values, SlackModals.SEVERITY, IncidentProcess.Variables.SEVERITY);
    boolean ready = SlackModals.checked(values, SlackModals.READY_TO_RESOLVE);
    variables.put(IncidentProcess.Variables.READY_TO_RESOLVE, ready);
    return completeLater(slackUser, metadata, IncidentProcess.Elements.LEAD_THE_FIX, "Lead the fix", variables,
        key -> "Update posted for " + key + " (" + status + ")" + (ready ? "; ready to resolve." : "."));
  }

  /** "Publish external update": the Communications Manager approves what customers read. */
  private Map<String, Object> submitExternalUpdate(String slackUser, String metadata, JsonNode values) {
    String status = SlackModals.selected(values, SlackModals.UPDATE_STATUS);
    String message = SlackModals.text(values, SlackModals.EXTERNAL_UPDATE);
    Map<String, String> errors = new HashMap<>();
    if (status == null) {
      errors.put(SlackModals.UPDATE_STATUS, "Choose a status.");
    }
    if (message == null) {
      errors.put(SlackModals.EXTERNAL_UPDATE, "Write what customers read.");
    }
    if (!errors.isEmpty()) {
      return Map.of("response_action", "errors", "errors", errors);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(IncidentProcess.Variables.UPDATE_STATUS, status);
    variables.put(IncidentProcess.Variables.EXTERNAL_UPDATE, message);
    variables.put(IncidentProcess.Variables.UPDATE_COMPONENTS, SlackModals.text(values, SlackModals.UPDATE_COMPONENTS));
    return completeLater(slackUser, metadata, IncidentProcess.Elements.PUBLISH_EXTERNAL_UPDATE,
        "Publish external update", variables, key -> "External update for " + key + " approved (" + status + ").");
  }

  private static void putSelected(Map<String, Object> variables, JsonNode values, String field, String variable) {
    String value = SlackModals.selected(values, field);
    if (value != null) {
      variables.put(variable, value);
    }
  }

  /** Completes the task of the incident in {@code metadata} ("key|channel") right after Slack has its answer. */
  private Map<String, Object> completeLater(String slackUser, String metadata, String definitionKey, String name,
                                            Map<String, Object> variables,
                                            java.util.function.UnaryOperator<String> done) {
    String[] keyAndChannel = metadata.split("\\|", 2);
    String key = keyAndChannel[0];
    String channel = keyAndChannel.length > 1 && !keyAndChannel[1].isBlank() ? keyAndChannel[1] : slackUser;
    later(slackUser, channel, () -> {
      Incident incident = incidents.find(key).orElseThrow(() -> new Refused("Firebreak knows no incident " + key + "."));
      Responder who = responder(slackUser);
      completeTask(incident, definitionKey, name, who, variables);
      return done.apply(key);
    });
    return null;
  }

  private Map<String, Object> submitDeclaration(String slackUser, String channel, JsonNode values) {
    Map<String, String> errors = new HashMap<>();
    String title = SlackModals.text(values, SlackModals.TITLE);
    if (title == null) {
      errors.put(SlackModals.TITLE, "Say what is wrong in a few words.");
    } else if (title.length() > io.firebreak.incident.IncidentLimits.TITLE) {
      errors.put(SlackModals.TITLE, "At most " + io.firebreak.incident.IncidentLimits.TITLE + " characters.");
    }
    String severity = SlackModals.selected(values, SlackModals.SEVERITY);
    if (severity == null) {
      errors.put(SlackModals.SEVERITY, "Choose a severity.");
    }
    if (!errors.isEmpty()) {
      return Map.of("response_action", "errors", "errors", errors);
    }
    String impact = SlackModals.selected(values, SlackModals.IMPACT);
    String description = SlackModals.text(values, SlackModals.DESCRIPTION);
    later(slackUser, channel.isBlank() ? slackUser : channel, () -> {
      Responder who = responder(slackUser);
      Impact customerImpact = impact == null ? Severity.parse(severity).defaultImpact() : Impact.parse(impact);
      Incident declared = transactions.execute(status -> asResponder(who, () -> declarations.declare(
          new IncidentDeclarations.Declaration(title, Severity.parse(severity), customerImpact,
              customerImpact != Impact.NONE, null, null, description), who.id())));
      return declared.key() + " is declared (" + declared.severity() + "): " + declared.title()
          + ". You are its First Responder; its channel opens in a moment.";
    });
    return null;
  }

  private Map<String, Object> submitResolution(String slackUser, String metadata, JsonNode values) {
    String summary = SlackModals.text(values, SlackModals.RESOLUTION_SUMMARY);
    if (summary == null) {
      return Map.of("response_action", "errors",
          "errors", Map.of(SlackModals.RESOLUTION_SUMMARY, "Say what fixed it."));
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(IncidentProcess.Variables.RESOLUTION_SUMMARY, summary);
    variables.put(IncidentProcess.Variables.FINAL_EXTERNAL_MESSAGE,
        SlackModals.text(values, SlackModals.FINAL_EXTERNAL_MESSAGE));
    String impact = SlackModals.selected(values, SlackModals.IMPACT);
    if (impact != null) {
      variables.put(IncidentProcess.Variables.IMPACT, impact);
    }
    variables.put(IncidentProcess.Variables.POSTMORTEM_WANTED,
        SlackModals.checked(values, SlackModals.POSTMORTEM_WANTED));
    return completeLater(slackUser, metadata, IncidentProcess.Elements.CONFIRM_RESOLUTION, "Confirm resolution",
        variables, key -> key + " is resolved: " + summary);
  }

  /** The incident's state and what is due, for {@code /incident} in its channel. */
  private String state(Incident incident) {
    Incident.Roles roles = incident.roles();
    StringBuilder text = new StringBuilder()
        .append('*').append(incident.key()).append(": ").append(SlackChatOps.escape(incident.title())).append("*\n")
        .append(incident.severity()).append(", ").append(incident.status().value()).append(", stage ")
        .append(incident.stage().name().toLowerCase(java.util.Locale.ROOT)).append(", customer impact ")
        .append(incident.impact().value()).append('\n')
        .append("Incident Manager: ").append(orNobody(roles.incidentManager()))
        .append(" · Communications Manager: ").append(orNobody(roles.communicationsManager()))
        .append(" · Domain Experts: ").append(roles.domainExperts().isEmpty() ? "nobody yet"
            : String.join(", ", roles.domainExperts()))
        .append(" · First Responder: ").append(orNobody(roles.firstResponder()));
    List<Task> open = taskService.createTaskQuery().processInstanceId(incident.processInstanceId())
        .orderByTaskCreateTime().asc().list();
    if (open.isEmpty()) {
      text.append("\nNothing is waiting for anyone.");
    } else {
      text.append("\nWaiting for:");
      for (Task task : open) {
        text.append("\n• ").append(task.getName()).append(" — ").append(task.getAssignee() != null
            ? task.getAssignee() : "anyone in " + String.join(", ", candidateGroups(task.getId())));
      }
    }
    List<Job> due = managementService.createJobQuery().processInstanceId(incident.processInstanceId()).timers()
        .activityId(IncidentProcess.Elements.STATUS_UPDATE_DUE).list();
    due.stream().map(Job::getDuedate).filter(java.util.Objects::nonNull).min(java.util.Comparator.naturalOrder())
        .ifPresent(at -> text.append("\nNext status update due: ").append(at.toInstant()));
    return text.toString();
  }

  // ---- tasks as Tasklist does them -------------------------------------------------------------------------------

  /**
   * Claims (unless it is theirs already) and completes the open task {@code definitionKey} as {@code who}, with the
   * variables its form sends: its task listeners apply the same rules as in Tasklist. One transaction.
   */
  private void completeTask(Incident incident, String definitionKey, String name, Responder who,
                            Map<String, Object> variables) {
    transactions.executeWithoutResult(status -> {
      Task task = openTaskFor(incident, definitionKey, name, who);
      asResponder(who, () -> {
        if (task.getAssignee() == null) {
          taskService.claim(task.getId(), who.id());
        }
        taskService.complete(task.getId(), variables);
        return null;
      });
    });
  }

  /** The open task, if {@code who} may work on it as Tasklist allows: its assignee, or a candidate while unclaimed. */
  private Task openTaskFor(Incident incident, String definitionKey, String name, Responder who) {
    // Several at once ("Publish external update" for two updates): the oldest first, as Tasklist lists them.
    Task task = taskService.createTaskQuery().processInstanceId(incident.processInstanceId())
        .taskDefinitionKey(definitionKey).orderByTaskCreateTime().asc().listPage(0, 1).stream().findFirst()
        .orElse(null);
    if (task == null) {
      List<HistoricTaskInstance> done = historyService.createHistoricTaskInstanceQuery()
          .processInstanceId(incident.processInstanceId()).taskDefinitionKey(definitionKey).finished()
          .orderByHistoricActivityInstanceStartTime().desc().listPage(0, 1);
      if (done.isEmpty()) {
        throw new Refused("\"" + name + "\" of " + incident.key() + " is not open (the incident is "
            + incident.stage().name().toLowerCase(java.util.Locale.ROOT) + ").");
      }
      HistoricTaskInstance last = done.get(0);
      throw new Refused("\"" + name + "\" of " + incident.key() + " is already done by "
          + orNobody(last.getAssignee()) + ".");
    }
    if (task.getAssignee() != null) {
      if (!task.getAssignee().equals(who.id())) {
        throw new Refused("\"" + name + "\" of " + incident.key() + " is " + task.getAssignee()
            + "'s; you are " + who.id() + ".");
      }
      return task;
    }
    List<IdentityLink> links = taskService.getIdentityLinksForTask(task.getId());
    boolean candidate = links.stream().anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
        && (who.id().equals(link.getUserId()) || (link.getGroupId() != null && who.groups().contains(link.getGroupId()))));
    if (!candidate) {
      throw new Refused("\"" + name + "\" of " + incident.key() + " is for " + String.join(", ",
          candidateGroups(task.getId())) + "; " + who.id() + " is not among them.");
    }
    return task;
  }

  private List<String> candidateGroups(String taskId) {
    List<String> names = new ArrayList<>();
    for (IdentityLink link : taskService.getIdentityLinksForTask(taskId)) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        names.add(link.getGroupId() != null ? link.getGroupId() : link.getUserId());
      }
    }
    return names;
  }

  /** Runs {@code work} with {@code who}'s engine authentication, so the engine's authorizations apply as in Tasklist. */
  private <T> T asResponder(Responder who, Supplier<T> work) {
    Authentication before = identityService.getCurrentAuthentication();
    identityService.setAuthentication(who.id(), who.groups());
    try {
      return work.get();
    } finally {
      if (before == null) {
        identityService.clearAuthentication();
      } else {
        identityService.setAuthentication(before);
      }
    }
  }

  // ---- who is asking ---------------------------------------------------------------------------------------------

  private Responder responder(String slackUser) {
    return responder(slackUser, "you");
  }

  /** The Firebreak user with the Slack user's e-mail address. */
  private Responder responder(String slackUser, String called) {
    var info = call("users.info", () -> slack().usersInfo(r -> r.user(slackUser)));
    if (!info.isOk()) {
      if ("user_not_found".equals(info.getError())) {
        throw new Refused("Slack knows no user " + slackUser + ".");
      }
      throw refused("users.info", info);
    }
    String email = info.getUser() == null || info.getUser().getProfile() == null ? null
        : info.getUser().getProfile().getEmail();
    if (email == null || email.isBlank()) {
      throw new Refused("Firebreak cannot tell who " + called + (called.equals("you") ? " are" : " is")
          + ": Slack shows no e-mail address (the app needs the users:read.email scope).");
    }
    List<User> users = identityService.createUserQuery().userEmail(email.trim()).list();
    if (users.size() != 1) {
      throw new Refused(users.isEmpty()
          ? "Firebreak has no user with the e-mail address " + email + " (" + called + " in Slack)."
          : "Several Firebreak users have the e-mail address " + email + "; ask an admin to keep one.");
    }
    String id = users.get(0).getId();
    List<String> groups = identityService.createGroupQuery().groupMember(id).list().stream().map(Group::getId).toList();
    return new Responder(id, groups);
  }

  private static void requireMember(Responder who, String doing) {
    boolean member = FirebreakGroups.ALL.stream().anyMatch(group -> who.groups().contains(group[0]))
        || who.groups().contains(FirebreakGroups.INCIDENT_VIEWERS);
    if (!member) {
      throw new Refused(who.id() + " may not " + doing + ": not in any of Firebreak's incident groups.");
    }
  }

  private static void requireIncidentManager(Incident incident, Responder who, String doing) {
    if (incident.stage() == Stage.CLOSED) {
      throw new Refused(incident.key() + " is closed.");
    }
    if (!who.id().equals(incident.roles().incidentManager())) {
      throw new Refused("Only the Incident Manager of " + incident.key() + " may " + doing + " ("
          + orNobody(incident.roles().incidentManager()) + "); you are " + who.id() + ".");
    }
  }

  private Incident incidentOf(String channel) {
    return incidents.findByChatChannel(channel).orElseThrow(() -> new Refused(
        "This channel belongs to no incident: use the command in the incident's channel."));
  }

  private static String orNobody(String user) {
    return user == null ? "nobody yet" : user;
  }

  // ---- talking back ----------------------------------------------------------------------------------------------

  /**
   * Does {@code work} right after Slack has its answer, and tells {@code slackUser} the outcome in {@code channel}
   * (ephemeral: nobody else sees it). A refusal and a rule's rejection are the outcome too; nothing else leaks.
   */
  private void later(String slackUser, String channel, Supplier<String> work) {
    try {
      this.work.execute(() -> {
        String outcome;
        try {
          outcome = work.get();
        } catch (Refused | RejectedInput | IncidentActionForbiddenException | IllegalArgumentException e) {
          outcome = e.getMessage();
        } catch (AuthorizationException e) {
          outcome = "Firebreak's permissions do not let you do that: " + e.getMessage();
        } catch (ProcessEngineException e) {
          // A task listener's rejection (BadUserRequestException) or another engine refusal: Tasklist shows the same.
          outcome = "Not done: " + e.getMessage();
        } catch (RuntimeException e) {
          log.warn("A Slack request of {} failed", slackUser, e);
          outcome = "Firebreak could not do that just now (" + e.getClass().getSimpleName() + "); try again.";
        }
        if (outcome != null) {
          tell(slackUser, channel, outcome);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException busy) {
      log.warn("Too many Slack requests waiting; one of {} is dropped", slackUser);
    }
  }

  private void tell(String slackUser, String channel, String text) {
    try {
      var posted = call("chat.postEphemeral", () -> slack().chatPostEphemeral(r -> r.channel(channel).user(slackUser)
          .text(text)));
      if (!posted.isOk()) {
        log.warn("Slack refused chat.postEphemeral to {} in {}: {}", slackUser, channel, posted.getError());
      }
    } catch (RuntimeException e) {
      log.warn("Could not tell {} in Slack: {}", slackUser, e.getMessage());
    }
  }

  private void openView(String triggerId, View view) {
    if (triggerId == null || triggerId.isBlank()) {
      throw new Refused("Slack sent no trigger to open the form with; try again.");
    }
    var opened = call("views.open", () -> slack().viewsOpen(r -> r.triggerId(triggerId).view(view)));
    if (!opened.isOk()) {
      throw refused("views.open", opened);
    }
  }

  private MethodsClient slack() {
    if (slack == null) {
      slack = SlackChatOps.methods(properties);
    }
    return slack;
  }

  private static <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
    try {
      return call.call();
    } catch (SlackApiException e) {
      throw new OutsideCallFailed("Slack answered HTTP " + e.getResponse().code() + " to " + method);
    } catch (IOException e) {
      throw new OutsideCallFailed("Slack is unreachable (" + method + "): " + e.getMessage(), e);
    }
  }

  private static OutsideCallFailed refused(String method, SlackApiTextResponse response) {
    String needed = response.getNeeded() == null ? "" : " (needs scope " + response.getNeeded() + ")";
    return new OutsideCallFailed("Slack refused " + method + ": " + response.getError() + needed);
  }

  @FunctionalInterface
  private interface SlackCall<T> {
    T call() throws IOException, SlackApiException;
  }
}
