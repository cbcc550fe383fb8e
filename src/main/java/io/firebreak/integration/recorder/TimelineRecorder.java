package io.firebreak.integration.recorder;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.ChannelNames;
import io.firebreak.incident.ChatOps;
import io.firebreak.incident.Conference;
import io.firebreak.incident.ExternalUpdate;
import io.firebreak.postmortem.ActionItemReminders;
import io.firebreak.postmortem.FollowUp;
import io.firebreak.postmortem.FollowUps;
import io.firebreak.postmortem.MeetingCalendar;
import io.firebreak.postmortem.MeetingCalendar.Meeting;
import io.firebreak.incident.Mailer;
import io.firebreak.incident.Paging;
import io.firebreak.incident.StatusPage;
import io.firebreak.incident.StatusUpdate;
import io.firebreak.incident.Ticketing;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every port, when no outside tool is configured for it: the action is written onto the incident's timeline, so
 * Firebreak runs with no credentials at all and the timeline still says what would have happened where.
 * The entries are written in the step's transaction: a step that fails leaves none behind.
 */
@Component
class TimelineRecorder implements ChatOps, Ticketing, Conference, Paging, StatusPage, Mailer,
    ActionItemReminders, FollowUps, MeetingCalendar {

  private static final String NOT_CONFIGURED = " (recorded only: no %s is configured)";

  private final IncidentRepository incidents;

  TimelineRecorder(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public Optional<ExternalLink> openChannel(Incident incident) {
    record(incident, TimelineEntryType.CHAT, "Incident channel #" + ChannelNames.of(incident) + " opened", "chat tool");
    return Optional.empty();
  }

  @Override
  public void welcome(Incident incident) {
    // Opening the channel was recorded; there is nobody to invite into a channel that does not exist.
  }

  @Override
  public void introduceTeam(Incident incident) {
    Incident.Roles roles = incident.roles();
    record(incident, TimelineEntryType.CHAT, "Introduced the response team: Incident Manager " + roles.incidentManager()
        + ", Communications Manager " + orNobody(roles.communicationsManager())
        + ", Domain Experts " + (roles.domainExperts().isEmpty() ? "nobody" : String.join(", ", roles.domainExperts())),
        "chat tool");
  }

  @Override
  public void shareLinks(Incident incident) {
    record(incident, TimelineEntryType.CHAT, "Shared the incident's ticket and bridge in the channel", "chat tool");
  }

  @Override
  public void postStatusUpdate(Incident incident, StatusUpdate update) {
    record(incident, TimelineEntryType.CHAT,
        "Posted status update (" + update.status().value() + "): " + update.text()
            + (update.roleChanges() == null ? "" : " (roles: " + update.roleChanges() + ")"), "chat tool");
  }

  @Override
  public void postFindings(Incident incident, String expert, String text) {
    record(incident, TimelineEntryType.CHAT, "Posted the findings of " + expert + ": " + text, "chat tool");
  }

  /** Nothing to record: the note is on the timeline already, and without a chat tool there is no channel for it. */
  @Override
  public void postNote(Incident incident, String author, String text) {
  }

  @Override
  public void remindStatusUpdate(Incident incident, String interval) {
    record(incident, TimelineEntryType.CHAT,
        "Reminded " + incident.roles().incidentManager() + " that a status update is due (every " + interval + ")",
        "chat tool");
  }

  @Override
  public void announceResolution(Incident incident) {
    record(incident, TimelineEntryType.CHAT, "Announced the resolution: " + incident.resolutionSummary(), "chat tool");
  }

  @Override
  public void noticeSourceRecovered(Incident incident, String note) {
    record(incident, TimelineEntryType.CHAT, "Told " + incident.roles().incidentManager() + ": " + note, "chat tool");
  }

  @Override
  public void remindActionItem(Incident incident, ActionItemReminder reminder) {
    record(incident, TimelineEntryType.CHAT, "Reminded " + reminder.owner() + " of the action item \""
        + reminder.title() + "\"" + (reminder.due() == null ? "" : " (due " + reminder.due() + ")"), "chat tool");
  }

  @Override
  public Optional<ExternalLink> createTicket(Incident incident) {
    record(incident, TimelineEntryType.TICKET, "Incident ticket created: " + incident.title(), "ticketing tool");
    return Optional.empty();
  }

  @Override
  public void linkTicket(Incident incident) {
    // Nothing to link: without a ticketing tool there is no ticket.
  }

  @Override
  public void closeTicket(Incident incident) {
    record(incident, TimelineEntryType.TICKET, "Incident ticket closed", "ticketing tool");
  }

  @Override
  public Optional<ExternalLink> createFollowUp(Incident incident, FollowUp followUp) {
    record(incident, TimelineEntryType.TICKET,
        "Follow-up ticket for " + followUp.ownerEmail() + ": " + followUp.title(), "ticketing tool");
    return Optional.empty();
  }

  @Override
  public void relateFollowUp(Incident incident, ExternalLink followUp) {
    // Never called: without a ticketing tool no follow-up ticket exists.
  }

  @Override
  public Optional<ExternalLink> openBridge(Incident incident) {
    record(incident, TimelineEntryType.CONFERENCE, "Bridge opened for " + incident.severity(), "conference tool");
    return Optional.empty();
  }

  @Override
  public Optional<ExternalLink> scheduleMeeting(Incident incident, String purpose, Meeting meeting) {
    record(incident, TimelineEntryType.CONFERENCE, "Scheduled \"" + meeting.title() + "\" for " + meeting.start()
        + " (" + meeting.duration().toMinutes() + " min) with " + String.join(", ", meeting.attendees()),
        "calendar");
    return Optional.empty();
  }

  @Override
  public void pageOnCall(Incident incident) {
    record(incident, TimelineEntryType.PAGING, "Paged the on-call team", "paging tool");
  }

  @Override
  public void acknowledgeAlert(Incident incident) {
    record(incident, TimelineEntryType.PAGING, "Acknowledged alert " + incident.alertFingerprint(), "paging tool");
  }

  @Override
  public void closeAlert(Incident incident) {
    record(incident, TimelineEntryType.PAGING, incident.alertFingerprint() == null ? "Closed the on-call page"
        : "Closed alert " + incident.alertFingerprint(), "paging tool");
  }

  @Override
  public Optional<ExternalLink> publishUpdate(Incident incident, ExternalUpdate update) {
    record(incident, TimelineEntryType.STATUS_PAGE,
        "Status page update (" + update.status().value() + "): " + update.message(), "status page");
    return Optional.empty();
  }

  @Override
  public void resolve(Incident incident, String finalMessage) {
    String message = finalMessage == null || finalMessage.isBlank() ? "" : ": " + finalMessage;
    record(incident, TimelineEntryType.STATUS_PAGE, "Status page incident resolved" + message, "status page");
  }

  @Override
  public void notifyStakeholders(Incident incident) {
    record(incident, TimelineEntryType.EMAIL,
        "Emailed stakeholders that " + incident.key() + " is resolved: " + incident.resolutionSummary(), "mail server");
  }

  private static String orNobody(String user) {
    return user == null ? "nobody" : user;
  }

  private void record(Incident incident, TimelineEntryType type, String message, String tool) {
    incidents.appendTimeline(incident.key(), type, null, message + NOT_CONFIGURED.formatted(tool));
  }
}
