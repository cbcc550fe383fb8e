package io.firebreak.integration.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.People;
import io.firebreak.incident.Stage;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.ChannelNames;
import io.firebreak.incident.ChatOps;
import io.firebreak.postmortem.ActionItemReminders;
import io.firebreak.integration.ExternalRefs;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.RateLimited;
import io.firebreak.integration.OutsideHttp;
import io.firebreak.integration.RateLimits;
import io.firebreak.incident.StatusUpdate;
import io.firebreak.integration.ConditionalOnSetting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Slack as the incident's chat: a public channel {@code inc-<n>-<slug>} per incident (reused when a previous try
 * created it: {@code name_taken}), role holders invited by their email address, a welcome, a pinned Block Kit summary
 * kept up to date, and every update, reminder and the resolution posted. While Slack can call Firebreak (Slack as a
 * control surface) the summary, the welcome and the response team's introduction carry the buttons of the tasks they
 * are about ({@link SlackControl} handles them).
 *
 * <p>An {@code ok:false} answer is Slack's business error: the ones that change nothing ({@code already_in_channel},
 * {@code already_pinned}) are ignored, a person without a Slack account is noted on the timeline, anything else
 * fails the step with Slack's error code, to be retried. HTTP 429 waits as Slack's Retry-After says.
 *
 * <p>Bot scopes: {@code channels:manage channels:read chat:write users:read users:read.email pins:write}.
 */
@Component
@Primary
@ConditionalOnSetting("firebreak.slack.token")
@EnableConfigurationProperties(SlackProperties.class)
class SlackChatOps implements ChatOps, ActionItemReminders {

  static final String SUMMARY = "slack.summary";
  /** The welcome's message, posted once per incident. */
  static final String WELCOME = "slack.welcome";
  private static final String SYSTEM = "Slack";

  private final MethodsClient slack;
  private final IncidentRepository incidents;
  private final ExternalRefs refs;
  private final People people;
  private final RateLimits rateLimits;
  private final ConcurrentMap<String, String> slackUserByEmail = new ConcurrentHashMap<>();
  private final boolean interactive;
  private volatile String workspaceUrl;

  SlackChatOps(SlackProperties properties, IncidentRepository incidents, ExternalRefs refs, People people,
               RateLimits rateLimits) {
    this.slack = methods(properties);
    this.interactive = properties.interactive();
    this.incidents = incidents;
    this.refs = refs;
    this.people = people;
    this.rateLimits = rateLimits;
  }

  /** Slack's Web API as Firebreak's bot. */
  static MethodsClient methods(SlackProperties properties) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(properties.baseUrl());
    config.setStatsEnabled(false);
    config.getMethodsConfig().setStatsEnabled(false);
    // One call, connecting included, ends within OutsideHttp.CALL_LIMIT: the bound RateLimits keeps a step to.
    config.setHttpClientReadTimeoutMillis((int) (OutsideHttp.CALL_LIMIT.toMillis() - 5_000));
    config.setHttpClientCallTimeoutMillis((int) OutsideHttp.CALL_LIMIT.toMillis());
    return Slack.getInstance(config).methods(properties.token());
  }

  @Override
  public Optional<ExternalLink> openChannel(Incident incident) {
    String name = ChannelNames.of(incident);
    var created = call("conversations.create", () -> slack.conversationsCreate(r -> r.name(name).isPrivate(false)));
    String channelId;
    if (created.isOk()) {
      channelId = created.getChannel().getId();
    } else if ("name_taken".equals(created.getError())) {
      channelId = findChannel(name).orElseThrow(() -> new OutsideCallFailed(
          "Slack says channel #" + name + " exists, but the bot cannot see it (archived, or private without the bot)"));
    } else {
      throw refused("conversations.create", created);
    }
    return Optional.of(new ExternalLink(channelId, workspaceUrl() + "archives/" + channelId));
  }

  /**
   * Invites the role holders, tells the channel once who reacted and who leads (a retried step finds the welcome posted
   * and posts none again), and pins the summary. While nobody holds the Incident Manager role, the welcome carries the
   * button to take it.
   */
  @Override
  public void welcome(Incident incident) {
    if (incident.chatChannel() == null) {
      return;
    }
    inviteRoleHolders(incident);
    if (refs.find(incident.key(), WELCOME).isEmpty()) {
      Incident.Roles roles = incident.roles();
      String leads = roles.incidentManager() == null
          ? "Nobody leads it yet: who takes the Incident Manager role?"
          : mention(roles.incidentManager()) + " leads it as Incident Manager.";
      List<BlockElement> buttons = new ArrayList<>();
      if (roles.incidentManager() == null && incident.stage() == Stage.OPEN) {
        buttons.add(button(SlackControl.TAKE_INCIDENT_MANAGER_ROLE, "Take the Incident Manager role", incident));
      }
      String ts = post(incident, ":rotating_light: *" + incident.key() + "* (" + incident.severity() + "): "
          + escape(incident.title()) + "\n" + (roles.firstResponder() == null ? "No First Responder yet. "
              : "First Responder " + mention(roles.firstResponder()) + ". ") + leads,
          SlackControl.WELCOME_ACTIONS, buttons);
      refs.put(incident.key(), WELCOME, ts);
    }
    refreshSummary(incident);
  }

  /**
   * Invites the team, names who holds which role, and refreshes the summary. The introduction carries the buttons of
   * the team's tasks: Post an update (the Incident Manager's Lead the fix), Publish external update (the Communications
   * Manager's) and Confirm resolution.
   */
  @Override
  public void introduceTeam(Incident incident) {
    if (incident.chatChannel() == null) {
      return;
    }
    inviteRoleHolders(incident);
    Incident.Roles roles = incident.roles();
    post(incident, "Response team for " + incident.key() + ": Incident Manager " + mention(roles.incidentManager())
        + ", Communications Manager " + mention(roles.communicationsManager())
        + ", Domain Experts " + mentions(roles.domainExperts()), SlackControl.RESPONSE_TEAM_ACTIONS, List.of(
            button(SlackControl.POST_UPDATE, "Post an update", incident),
            button(SlackControl.PUBLISH_EXTERNAL_UPDATE, "Publish external update", incident),
            button(SlackControl.CONFIRM_RESOLUTION, "Confirm resolution", incident)));
    refreshSummary(incident);
  }

  @Override
  public void shareLinks(Incident incident) {
    if (incident.chatChannel() == null) {
      return;
    }
    List<String> links = new ArrayList<>();
    if (incident.bridge() != null) {
      links.add(":telephone_receiver: War room: " + link(incident.bridge().url(), "join the call"));
    }
    if (incident.ticket() != null) {
      links.add(":ticket: Ticket: " + link(incident.ticket().url(), incident.ticket().id()));
    }
    if (!links.isEmpty()) {
      post(incident, String.join("\n", links));
    }
    refreshSummary(incident);
  }

  @Override
  public void postStatusUpdate(Incident incident, StatusUpdate update) {
    if (incident.chatChannel() == null) {
      return;
    }
    inviteRoleHolders(incident);
    String components = update.affectedComponents() == null ? "" : "\nAffected: " + escape(update.affectedComponents());
    String roles = update.roleChanges() == null ? "" : "\nRoles: " + escape(update.roleChanges());
    post(incident, "*Status update (" + update.status().value() + ")* from "
        + mention(incident.roles().incidentManager()) + ":\n" + escape(update.text()) + components + roles);
    refreshSummary(incident);
  }

  @Override
  public void postFindings(Incident incident, String expert, String text) {
    if (incident.chatChannel() == null) {
      return;
    }
    inviteRoleHolders(incident);
    post(incident, ":mag: *Findings* from " + mention(expert) + ":\n" + escape(text));
  }

  @Override
  public void postNote(Incident incident, String author, String text) {
    if (incident.chatChannel() == null) {
      return;
    }
    slackUser(incident, author); // so the author is mentioned, also one who holds no role
    post(incident, ":memo: *Note* from " + mention(author) + ":\n" + escape(text));
  }

  @Override
  public void remindStatusUpdate(Incident incident, String interval) {
    if (incident.chatChannel() == null) {
      return;
    }
    post(incident, mention(incident.roles().incidentManager()) + ", a status update for " + incident.key()
        + " is due (every " + interval + "): complete \"Lead the fix\" in Tasklist.");
  }

  @Override
  public void announceResolution(Incident incident) {
    if (incident.chatChannel() == null) {
      return;
    }
    post(incident, ":white_check_mark: *" + incident.key() + " is resolved.* " + escape(incident.resolutionSummary()));
    refreshSummary(incident);
  }

  @Override
  public void announceReopening(Incident incident, String reopenedBy) {
    if (incident.chatChannel() == null) {
      return;
    }
    post(incident, ":rotating_light: *" + incident.key() + " is reopened:* " + escape(reopenedBy)
        + " fired again within the reopen window. Back in the Fix; "
        + mention(incident.roles().incidentManager()) + " leads it.");
    refreshSummary(incident);
  }

  @Override
  public void noticeSourceRecovered(Incident incident, String note) {
    if (incident.chatChannel() == null) {
      return;
    }
    post(incident, mention(incident.roles().incidentManager()) + " " + escape(note));
  }

  @Override
  public void remindActionItem(Incident incident, ActionItemReminder reminder) {
    if (incident.chatChannel() == null) {
      return;
    }
    String item = reminder.ticketUrl() == null ? escape(reminder.title())
        : "<" + reminder.ticketUrl() + "|" + escape(reminder.title()) + ">";
    post(incident, mention(reminder.owner()) + ", the postmortem action item " + item + " of " + incident.key()
        + " is still open" + (reminder.due() == null ? "." : "; it is due on " + reminder.due() + "."));
  }

  private void inviteRoleHolders(Incident incident) {
    Set<String> holders = new LinkedHashSet<>();
    Incident.Roles roles = incident.roles();
    for (String user : new String[] {roles.firstResponder(), roles.incidentManager(), roles.communicationsManager()}) {
      if (user != null) {
        holders.add(user);
      }
    }
    holders.addAll(roles.domainExperts());
    String channel = incident.chatChannel().id();
    for (String user : holders) {
      Optional<String> slackUser = slackUser(incident, user);
      if (slackUser.isEmpty()) {
        continue;
      }
      var invited = call("conversations.invite",
          () -> slack.conversationsInvite(r -> r.channel(channel).users(List.of(slackUser.get()))));
      if (!invited.isOk() && !Set.of("already_in_channel", "cant_invite_self").contains(invited.getError())) {
        throw refused("conversations.invite", invited);
      }
    }
  }

  /** The Slack user of one of ours, by email address; a person without one is noted on the timeline, not an error. */
  private Optional<String> slackUser(Incident incident, String user) {
    Optional<String> email = people.email(user);
    if (email.isEmpty()) {
      incidents.appendTimeline(incident.key(), TimelineEntryType.CHAT, null,
          "Could not invite " + user + " to the Slack channel: no email address in Firebreak");
      return Optional.empty();
    }
    String known = slackUserByEmail.get(email.get());
    if (known != null) {
      return Optional.of(known);
    }
    var found = call("users.lookupByEmail", () -> slack.usersLookupByEmail(r -> r.email(email.get())));
    if (!found.isOk()) {
      if ("users_not_found".equals(found.getError())) {
        incidents.appendTimeline(incident.key(), TimelineEntryType.CHAT, null,
            "Could not invite " + user + " to the Slack channel: Slack has no user with " + email.get());
        return Optional.empty();
      }
      throw refused("users.lookupByEmail", found);
    }
    slackUserByEmail.put(email.get(), found.getUser().getId());
    return Optional.of(found.getUser().getId());
  }

  /** Posts the summary once and pins it; afterwards edits the same message, so the pin always shows the present. */
  private void refreshSummary(Incident incident) {
    String channel = incident.chatChannel().id();
    List<LayoutBlock> blocks = summary(incident);
    // The fallback text (notifications, clients without blocks) is mrkdwn too: the title must not mention anyone.
    String text = incident.key() + " " + incident.severity() + " " + incident.status().value() + ": "
        + escape(incident.title());
    Optional<String> posted = refs.find(incident.key(), SUMMARY);
    if (posted.isPresent()) {
      var updated = call("chat.update", () -> slack.chatUpdate(r -> r.channel(channel).ts(posted.get()).text(text)
          .blocks(blocks)));
      if (updated.isOk()) {
        return;
      }
      if (!"message_not_found".equals(updated.getError())) {
        throw refused("chat.update", updated);
      }
    }
    var message = call("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(channel).text(text).blocks(blocks)));
    if (!message.isOk()) {
      throw refused("chat.postMessage", message);
    }
    refs.put(incident.key(), SUMMARY, message.getTs());
    var pinned = call("pins.add", () -> slack.pinsAdd(r -> r.channel(channel).timestamp(message.getTs())));
    if (!pinned.isOk() && !"already_pinned".equals(pinned.getError())) {
      throw refused("pins.add", pinned);
    }
  }

  private List<LayoutBlock> summary(Incident incident) {
    Incident.Roles roles = incident.roles();
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText(truncate(incident.key() + ": " + incident.title(), 150)))));
    blocks.add(section(s -> s.fields(List.of(
        markdownText("*Severity*\n" + incident.severity()),
        markdownText("*Status*\n" + incident.status().value()),
        markdownText("*Stage*\n" + incident.stage().name().toLowerCase(java.util.Locale.ROOT)),
        markdownText("*Customer impact*\n" + incident.impact().value())))));
    blocks.add(section(s -> s.fields(List.of(
        markdownText("*Incident Manager*\n" + mention(roles.incidentManager())),
        markdownText("*Communications Manager*\n" + mention(roles.communicationsManager())),
        markdownText("*Domain Experts*\n" + mentions(roles.domainExperts())),
        markdownText("*First Responder*\n" + mention(roles.firstResponder()))))));
    List<String> links = new ArrayList<>();
    if (incident.ticket() != null) {
      links.add("Ticket " + link(incident.ticket().url(), incident.ticket().id()));
    }
    if (incident.bridge() != null) {
      links.add(link(incident.bridge().url(), "War room call"));
    }
    if (incident.statusPage() != null) {
      links.add(link(incident.statusPage().url(), "Status page"));
    }
    if (!links.isEmpty()) {
      blocks.add(section(s -> s.text(markdownText(String.join("  ·  ", links)))));
    }
    if (interactive && (incident.stage() == Stage.OPEN || incident.stage() == Stage.FIX)) {
      // Slack calls /api/slack/interactions with the action id and the incident key (SlackControl).
      List<BlockElement> buttons = new ArrayList<>();
      buttons.add(button(SlackControl.TAKE_INCIDENT_MANAGER_ROLE, "Take the Incident Manager role", incident));
      if (incident.stage() == Stage.OPEN) {
        // "Appoint roles" is the opening's last step: the button goes once the Fix begins.
        buttons.add(button(SlackControl.APPOINT_ROLES, "Appoint roles", incident));
      }
      buttons.add(button(SlackControl.POST_UPDATE, "Post an update", incident));
      buttons.add(button(SlackControl.PUBLISH_EXTERNAL_UPDATE, "Publish external update", incident));
      buttons.add(button(SlackControl.CONFIRM_RESOLUTION, "Confirm resolution", incident));
      blocks.add(actions(a -> a.blockId(SlackControl.SUMMARY_ACTIONS).elements(buttons)));
    }
    blocks.add(context(c -> c.elements(List.of(markdownText(interactive
        ? "Kept up to date by Firebreak. Act here (buttons, /incident) or in Camunda Tasklist."
        : "Kept up to date by Firebreak. Roles and updates are given in Camunda Tasklist.")))));
    return blocks;
  }

  private void post(Incident incident, String markdown) {
    var posted = call("chat.postMessage",
        () -> slack.chatPostMessage(r -> r.channel(incident.chatChannel().id()).text(markdown).mrkdwn(true)));
    if (!posted.isOk()) {
      throw refused("chat.postMessage", posted);
    }
  }

  /**
   * A role message: the text, and below it {@code buttons} in block {@code blockId} while Slack can call back and the
   * incident is opening or in the Fix (as on the summary); else the text alone, as {@link #post(Incident, String)}.
   * The text stays the fallback for notifications and clients without blocks.
   *
   * @return the message's timestamp, Slack's id of it in the channel
   */
  private String post(Incident incident, String markdown, String blockId, List<BlockElement> buttons) {
    boolean offered = interactive && !buttons.isEmpty()
        && (incident.stage() == Stage.OPEN || incident.stage() == Stage.FIX);
    var posted = call("chat.postMessage", () -> slack.chatPostMessage(r -> {
      r.channel(incident.chatChannel().id()).text(markdown).mrkdwn(true);
      if (offered) {
        r.blocks(List.of(section(s -> s.text(markdownText(markdown))),
            actions(a -> a.blockId(blockId).elements(buttons))));
      }
      return r;
    }));
    if (!posted.isOk()) {
      throw refused("chat.postMessage", posted);
    }
    return posted.getTs();
  }

  /** A button Slack calls {@code /api/slack/interactions} back with: the action id and the incident key (SlackControl). */
  private static BlockElement button(String actionId, String label, Incident incident) {
    return com.slack.api.model.block.element.BlockElements.button(b -> b.actionId(actionId).value(incident.key())
        .text(plainText(label)));
  }

  private Optional<String> findChannel(String name) {
    String cursor = null;
    do {
      String page = cursor;
      ConversationsListResponse listed = call("conversations.list", () -> slack.conversationsList(r -> r
          .types(List.of(ConversationType.PUBLIC_CHANNEL)).excludeArchived(true).limit(1000).cursor(page)));
      if (!listed.isOk()) {
        throw refused("conversations.list", listed);
      }
      var match = listed.getChannels().stream().filter(c -> name.equals(c.getName())).findFirst();
      if (match.isPresent()) {
        return Optional.of(match.get().getId());
      }
      cursor = listed.getResponseMetadata() == null ? null : listed.getResponseMetadata().getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return Optional.empty();
  }

  private String workspaceUrl() {
    if (workspaceUrl == null) {
      var auth = call("auth.test", () -> slack.authTest(r -> r));
      if (!auth.isOk()) {
        throw refused("auth.test", auth);
      }
      workspaceUrl = auth.getUrl().endsWith("/") ? auth.getUrl() : auth.getUrl() + "/";
    }
    return workspaceUrl;
  }

  private <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
    return rateLimits.call(() -> {
      try {
        return call.call();
      } catch (SlackApiException e) {
        int status = e.getResponse().code();
        if (status == 429) {
          throw new RateLimited(SYSTEM, method, status, RateLimited.retryAfter(e.getResponse().header("Retry-After")));
        }
        throw new OutsideCallFailed("Slack answered HTTP " + status + " to " + method + ": "
            + OutsideCallFailed.excerpt(e.getResponseBody()));
      } catch (IOException e) {
        throw new OutsideCallFailed("Slack is unreachable (" + method + "): " + e.getMessage(), e);
      }
    });
  }

  private static OutsideCallFailed refused(String method, SlackApiTextResponse response) {
    String needed = response.getNeeded() == null ? "" : " (needs scope " + response.getNeeded() + ")";
    return new OutsideCallFailed("Slack refused " + method + ": " + response.getError() + needed);
  }

  private String mention(String user) {
    if (user == null) {
      return "nobody yet";
    }
    String slackUser = people.email(user).map(slackUserByEmail::get).orElse(null);
    return slackUser == null ? escape(user) : "<@" + slackUser + ">";
  }

  private String mentions(List<String> users) {
    return users.isEmpty() ? "nobody yet" : String.join(", ", users.stream().map(this::mention).toList());
  }

  private static String link(String url, String label) {
    return "<" + url + "|" + escape(label) + ">";
  }

  /** Slack's three control characters in user text. */
  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  @FunctionalInterface
  private interface SlackCall<T> {
    T call() throws IOException, SlackApiException;
  }
}
