package io.firebreak.postmortem;

import static io.firebreak.postmortem.PostmortemProcess.Variables.MEETING_TIMEBOX;
import static io.firebreak.postmortem.PostmortemProcess.Variables.MEETING_URL;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.FailingSteps;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.People;
import io.firebreak.incident.RuleDurations;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.ActionItems.ActionItem;
import io.firebreak.postmortem.PostmortemDocument.ActionItemLine;
import io.firebreak.postmortem.PostmortemRecords.Postmortem;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The postmortem's service tasks, one bean per delegate name in the models. Steps that call outside note a failure on
 * the incident's timeline and are retried by the engine; what they create outside is stored before they go on.
 */
@Configuration(proxyBeanMethods = false)
class PostmortemSteps {

  private final IncidentRepository incidents;
  private final PostmortemRecords records;
  private final FailingSteps failingSteps;

  PostmortemSteps(IncidentRepository incidents, PostmortemRecords records, FailingSteps failingSteps) {
    this.incidents = incidents;
    this.records = records;
    this.failingSteps = failingSteps;
  }

  /**
   * "Start the postmortem" (incident process): one postmortem per incident, keyed by the incident key; the postmortem
   * model says how soon after the resolution its meeting is due.
   */
  @Bean
  JavaDelegate startPostmortem(PostmortemStart start) {
    return execution -> start.begin(PostmortemVariables.incidentKey(execution), PostmortemVariables.alertUrl(execution));
  }

  /** "Invite everyone involved to the meeting": a calendar event with a call link, as long as the model's timebox. */
  @Bean
  JavaDelegate inviteToPostmortemMeeting(MeetingCalendar calendar, People people) {
    return failingSteps.noted(execution -> {
      Incident incident = incident(execution);
      OffsetDateTime at = PostmortemVariables.meetingAt(execution);
      Object timebox = PostmortemVariables.rule(execution, MEETING_TIMEBOX);
      List<String> attendees = records.invitees(incident.key()).stream()
          .map(person -> people.email(person).orElse(null)).filter(email -> email != null).toList();
      String description = "Postmortem of " + incident.key() + " (" + incident.severity() + "): " + incident.title()
          + ". Blameless and timeboxed to " + RuleDurations.readable(timebox, MEETING_TIMEBOX) + ". Please fill in your preparation form in Firebreak's Tasklist "
          + "before the meeting.";
      calendar.scheduleMeeting(incident, "postmortem", new MeetingCalendar.Meeting("Postmortem " + incident.key() + ": "
              + incident.title(), description, at, RuleDurations.duration(timebox, MEETING_TIMEBOX), attendees))
          .ifPresent(link -> {
            records.meetingLink(incident.key(), link.url());
            execution.setVariable(MEETING_URL, link.url());
            incidents.appendTimeline(incident.key(), TimelineEntryType.CONFERENCE, null,
                "Postmortem meeting invitation sent: " + link.url());
          });
    });
  }

  /** "File the action items in Jira": one follow-up per item, related to the incident ticket, each filed once. */
  @Bean
  JavaDelegate fileActionItems(FollowUps followUps, ActionItems actionItems, People people) {
    return failingSteps.noted(execution -> {
      Incident incident = incident(execution);
      for (ActionItem item : actionItems.list(incident.key())) {
        if (item.ticket() != null) {
          // Filed by an earlier try, which may have failed before relating it: relating again changes nothing.
          followUps.relateFollowUp(incident, item.ticket());
          continue;
        }
        Optional<ExternalLink> created = followUps.createFollowUp(incident, new FollowUp(item.title(),
            item.description(), people.email(item.owner()).orElse(null), item.important(), item.urgent(), item.due()));
        if (created.isPresent()) {
          // Committed on its own before the relation is asked for, so a failure from here on files nothing twice.
          actionItems.fileTicket(item.id(), created.get());
          followUps.relateFollowUp(incident, actionItems.get(item.id()).ticket());
        }
      }
    });
  }

  /** "Write the postmortem document": the Markdown from the template, to be reviewed. */
  @Bean
  JavaDelegate writePostmortemDocument(PostmortemMarkdown markdown, ActionItems actionItems) {
    return execution -> {
      Incident incident = incident(execution);
      Postmortem postmortem = records.get(incident.key());
      List<ActionItemLine> lines = actionItems.list(incident.key()).stream()
          .map(item -> new ActionItemLine(item.title(), item.owner(), item.important(), item.urgent(), item.ticket(),
              item.due()))
          .toList();
      OffsetDateTime until = incident.resolvedAt();
      List<TimelineEntry> timeline = incidents.timeline(incident.key()).stream()
          .filter(entry -> until == null || !entry.occurredAt().isAfter(until))
          .toList();
      records.writeDocument(incident.key(), markdown.render(new PostmortemDocument(incident.key(), incident.title(),
          incident.openedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), incident.product(),
          incident.environment(), incident.severity().name(), incident.roles().incidentManager(),
          records.invitees(incident.key()), incident.chatChannel(), PostmortemVariables.alertUrl(execution),
          incident.ticket(), postmortem.summary(), postmortem.impact(), postmortem.rootCauses(), lines, timeline)));
    };
  }

  /** "Open the postmortem pull request": commit, push, propose; the pull request is stored before going on. */
  @Bean
  JavaDelegate openPostmortemPullRequest(ObjectProvider<PostmortemRepository> repository) {
    return failingSteps.noted(execution -> {
      Incident incident = incident(execution);
      Postmortem postmortem = records.get(incident.key());
      PostmortemRepository.PullRequest pullRequest = repository.getObject()
          .propose(new PostmortemRepository.Proposal(incident.key(), incident.title(), postmortem.markdown()));
      records.proposed(incident.key(), pullRequest.number(), pullRequest.url());
      incidents.appendTimeline(incident.key(), TimelineEntryType.POSTMORTEM, null,
          "Postmortem proposed for review: " + pullRequest.url());
    });
  }

  /**
   * "Publish the postmortem": into the archive, and the incident hears of it and closes. A postmortem reviewed as a
   * pull request is published as merged: the reviewers' commits are part of it.
   */
  @Bean
  JavaDelegate publishPostmortem(PostmortemArchive archive, ObjectProvider<PostmortemRepository> repository,
                                 @Lazy RuntimeService runtimeService) {
    return failingSteps.noted(execution -> {
      Incident incident = incident(execution);
      Postmortem postmortem = records.get(incident.key());
      String markdown = postmortem.markdown();
      String source = "";
      PostmortemRepository git = repository.getIfAvailable();
      if (git != null && postmortem.pullRequestNumber() != null
          && PostmortemVariables.pullRequestMerged(execution)) {
        String commit = PostmortemVariables.mergedCommit(execution);
        Optional<String> merged = git.mergedDocument(incident.key(), commit);
        if (merged.isPresent()) {
          markdown = merged.get();
          records.writeDocument(incident.key(), markdown);
          source = commit == null ? " as merged" : " as merged in " + commit.substring(0, 12);
        } else {
          source = "; the merged branch has no " + incident.key() + ".md, so Firebreak's own copy";
        }
      }
      archive.publish(incident.key(), markdown, postmortem.reviewUrl(), Timestamps.now());
      incidents.appendTimeline(incident.key(), TimelineEntryType.POSTMORTEM, null, "Postmortem published" + source
          + (postmortem.reviewUrl() == null ? "" : " (" + postmortem.reviewUrl() + ")"));
      runtimeService.createMessageCorrelation(IncidentProcess.Messages.POSTMORTEM_PUBLISHED)
          .processInstanceBusinessKey(incident.key())
          .correlateWithResult();
    });
  }

  /** "Update the postmortem index": the repository's front page lists every published postmortem, newest first. */
  @Bean
  JavaDelegate updatePostmortemIndex(PostmortemArchive archive, ObjectProvider<PostmortemRepository> repository) {
    return failingSteps.noted(execution -> repository.getObject()
        .publishIndex(PostmortemIndex.markdown(archive.search(null, Integer.MAX_VALUE))));
  }

  private Incident incident(DelegateExecution execution) {
    return incidents.get(PostmortemVariables.incidentKey(execution));
  }
}
