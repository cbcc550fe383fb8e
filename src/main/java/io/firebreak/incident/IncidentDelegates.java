package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import io.firebreak.incident.IncidentRepository.LinkKind;
import io.firebreak.incident.IncidentRepository.NewIncident;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of the incident process, by the bean names the model uses ({@code ${openChatChannel}}).
 * Each maps variables in, calls a port or our records, and maps the result out. The steps that call outside are
 * {@code asyncBefore} with a retry cycle in the model; those that create something outside store its id first-write-wins,
 * so a retried job finds it and creates nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class IncidentDelegates {

  private final IncidentRepository incidents;
  private final FailingSteps failingSteps;

  IncidentDelegates(IncidentRepository incidents, FailingSteps failingSteps) {
    this.incidents = incidents;
    this.failingSteps = failingSteps;
  }

  /**
   * "Record the incident": records the incident under the key its alert's request reserved (the business key), or, for
   * an incident a person declares, allocates INC-n and makes it the business key.
   */
  @Bean
  JavaDelegate recordIncident(IncidentKeys keys, ApplicationEventPublisher events) {
    return execution -> {
      String reserved = execution.getProcessBusinessKey();
      String key = reserved != null ? reserved : keys.next();
      Severity severity = Severity.parse(ProcessVariables.text(execution, SEVERITY));
      String impact = ProcessVariables.text(execution, IMPACT);
      String fingerprint = ProcessVariables.text(execution, ALERT_FINGERPRINT);
      String title = ProcessVariables.text(execution, TITLE);
      if (title == null) {
        title = "Alert " + (fingerprint == null ? "without title" : fingerprint);
      }
      if (reserved == null) {
        execution.setProcessBusinessKey(key);
      }
      execution.setVariable(INCIDENT_KEY, key);
      execution.setVariable(TITLE, title);
      execution.setVariable(SEVERITY, severity.name());
      OffsetDateTime openedAt = Timestamps.now();
      incidents.insert(new NewIncident(key, title, ProcessVariables.text(execution, DESCRIPTION), severity,
          impact == null ? severity.defaultImpact() : Impact.parse(impact),
          ProcessVariables.flag(execution, CUSTOMER_FACING), ProcessVariables.text(execution, PRODUCT),
          ProcessVariables.text(execution, ENVIRONMENT), ProcessVariables.text(execution, SOURCE), fingerprint,
          execution.getProcessInstanceId(), openedAt,
          Detection.of(IncidentVariables.alertStartedAt(execution), openedAt)));
      events.publishEvent(new IncidentOpened(key, severity, ProcessVariables.text(execution, SOURCE)));
      String firstResponder = ProcessVariables.text(execution, FIRST_RESPONDER);
      if (firstResponder != null) {
        incidents.assignRole(key, Role.FIRST_RESPONDER, java.util.List.of(firstResponder), Timestamps.now());
      }
      String how = IncidentProcess.DECLARED_BY_PERSON.equals(IncidentVariables.string(execution, DECLARED_BY))
          ? "Declared by " + firstResponder
          : "Declared from " + IncidentVariables.string(execution, SOURCE) + " alert " + fingerprint
              + (firstResponder == null ? "" : ", evaluated by " + firstResponder);
      incidents.appendTimeline(key, TimelineEntryType.DECLARED, firstResponder, how + " as " + severity + ": " + title);
    };
  }

  /** "Open the incident channel": opens it (or finds it), stores it at once, then invites and pins the summary. */
  @Bean
  JavaDelegate openChatChannel(ChatOps chatOps) {
    return outside(execution -> chatOps.welcome(
        linkOnce(execution, LinkKind.CHAT_CHANNEL, Incident::chatChannel, chatOps::openChannel)));
  }

  @Bean
  JavaDelegate openBridge(Conference conference) {
    return outside(execution -> linkOnce(execution, LinkKind.BRIDGE, Incident::bridge, conference::openBridge));
  }

  /** "Create the incident ticket": creates it, stores it at once, then links what is open already. */
  @Bean
  JavaDelegate createIncidentTicket(Ticketing ticketing) {
    return outside(execution -> ticketing.linkTicket(
        linkOnce(execution, LinkKind.TICKET, Incident::ticket, ticketing::createTicket)));
  }

  /** "Link the incident ticket to channel and bridge": those opened beside the ticket are linked now. */
  @Bean
  JavaDelegate linkIncidentTicket(Ticketing ticketing) {
    return onIncident(ticketing::linkTicket);
  }

  @Bean
  JavaDelegate shareIncidentLinks(ChatOps chatOps) {
    return onIncident(chatOps::shareLinks);
  }

  @Bean
  JavaDelegate introduceResponseTeam(ChatOps chatOps) {
    return onIncident(chatOps::introduceTeam);
  }

  @Bean
  JavaDelegate pageOnCall(Paging paging) {
    return outside(execution -> {
      paging.pageOnCall(incident(execution));
      execution.setVariable(ON_CALL_PAGED, true);
    });
  }

  /**
   * "Open the bridge and page as a raised severity calls for" (each round of the fix): after a raise, what
   * {@code communication.dmn} says for the new severity; the bridge opens once, on-call is paged once. Lowering the
   * severity closes nothing.
   */
  @Bean
  JavaDelegate applySeverity(Conference conference, Paging paging, SeverityResponse response) {
    return outside(execution -> {
      if (!IncidentVariables.isSet(execution, SEVERITY_RAISED)) {
        return;
      }
      SeverityResponse.Plan plan = response.plan(execution);
      if (plan.bridge()) {
        linkOnce(execution, LinkKind.BRIDGE, Incident::bridge, conference::openBridge);
      }
      if (plan.page() && !IncidentVariables.isSet(execution, ON_CALL_PAGED)) {
        Incident incident = incident(execution);
        paging.pageOnCall(incident);
        execution.setVariable(ON_CALL_PAGED, true);
        incidents.appendTimeline(incident.key(), TimelineEntryType.PAGING, null,
            "On-call paged: severity raised to " + incident.severity());
      }
    });
  }

  @Bean
  JavaDelegate acknowledgeAlert(Paging paging) {
    return onIncident(paging::acknowledgeAlert);
  }

  @Bean
  JavaDelegate remindIncidentManager(ChatOps chatOps) {
    return outside(execution -> {
      Incident incident = incident(execution);
      String interval = IncidentVariables.string(execution, STATUS_UPDATE_INTERVAL);
      incidents.appendTimeline(incident.key(), TimelineEntryType.STATUS_UPDATE_DUE, null,
          "Status update due from " + incident.roles().incidentManager() + " (every " + interval + ")");
      chatOps.remindStatusUpdate(incident, interval);
    });
  }

  /** "Tell the Incident Manager" (event sub-process "Source reports recovery"). */
  @Bean
  JavaDelegate noticeSourceRecovery(ChatOps chatOps) {
    return outside(execution -> chatOps.noticeSourceRecovered(incident(execution), IncidentVariables.string(execution, SOURCE_RECOVERY)));
  }

  @Bean
  JavaDelegate postStatusUpdate(ChatOps chatOps) {
    return outside(execution -> chatOps.postStatusUpdate(incident(execution), new StatusUpdate(
        Status.parse(IncidentVariables.string(execution, UPDATE_STATUS)), IncidentVariables.string(execution, UPDATE),
        ProcessVariables.text(execution, UPDATE_COMPONENTS), ProcessVariables.text(execution, UPDATE_ROLE_CHANGES))));
  }

  /** "Post the findings in the incident channel": the snapshot "Share findings" handed over. */
  @Bean
  JavaDelegate postFindings(ChatOps chatOps) {
    return outside(execution -> chatOps.postFindings(incident(execution),
        IncidentVariables.string(execution, POSTED_BY), IncidentVariables.string(execution, POSTED_FINDINGS)));
  }

  /** "Post the note in the incident channel" ({@code incident-note}): a responder's note, as the timeline has it. */
  @Bean
  JavaDelegate postNote(ChatOps chatOps) {
    return outside(execution -> chatOps.postNote(incident(execution),
        IncidentVariables.string(execution, NOTE_AUTHOR), IncidentVariables.string(execution, NOTE_TEXT)));
  }

  @Bean
  JavaDelegate updateStatusPage(StatusPage statusPage) {
    return outside(execution -> {
      ExternalUpdate update = new ExternalUpdate(Status.parse(IncidentVariables.string(execution, UPDATE_STATUS)),
          IncidentVariables.string(execution, EXTERNAL_UPDATE), ProcessVariables.text(execution, UPDATE_COMPONENTS));
      Incident incident = incident(execution);
      statusPage.publishUpdate(incident, update)
          .filter(link -> incident.statusPage() == null)
          .ifPresent(link -> incidents.link(incident.key(), LinkKind.STATUS_PAGE, link));
      execution.setVariable(STATUS_PAGE_UPDATES_PENDING,
          Math.max(0, IncidentVariables.statusPageUpdatesPending(execution) - 1));
    });
  }

  /**
   * "Resolve the status page incident" comes after every approved update is on the status page (one still retrying
   * would create or reopen it after the resolution): until then it fails, is retried, and says what it waits for.
   */
  @Bean
  JavaDelegate resolveStatusPage(StatusPage statusPage) {
    return outside(execution -> {
      int pending = IncidentVariables.statusPageUpdatesPending(execution);
      if (pending > 0) {
        throw new IllegalStateException("it waits for \"Update the status page\": " + pending
            + (pending == 1 ? " approved update is" : " approved updates are") + " not on the status page yet");
      }
      statusPage.resolve(incident(execution), ProcessVariables.text(execution, FINAL_EXTERNAL_MESSAGE));
    });
  }

  @Bean
  JavaDelegate announceResolution(ChatOps chatOps) {
    return onIncident(chatOps::announceResolution);
  }

  /** "Tell the channel the incident is reopened", after a firing alert reopened it within the reopen window. */
  @Bean
  JavaDelegate announceReopening(ChatOps chatOps) {
    return outside(execution -> chatOps.announceReopening(incident(execution),
        IncidentVariables.string(execution, REOPENED_BY)));
  }

  @Bean
  JavaDelegate emailStakeholders(Mailer mailer) {
    return onIncident(mailer::notifyStakeholders);
  }

  @Bean
  JavaDelegate closeAlert(Paging paging) {
    return onIncident(paging::closeAlert);
  }

  /** "Close the incident": the postmortem is published; our record is closed, whatever the ticketing tool says. */
  @Bean
  JavaDelegate closeIncident() {
    return execution -> {
      Incident incident = incident(execution);
      incidents.close(incident.key(), Timestamps.now());
      incidents.appendTimeline(incident.key(), TimelineEntryType.CLOSED, null, "Incident closed");
    };
  }

  /** "Close the incident ticket", after the record is closed: a ticketing tool that is down retries only this. */
  @Bean
  JavaDelegate closeIncidentTicket(Ticketing ticketing) {
    return onIncident(ticketing::closeTicket);
  }

  /**
   * A step that calls outside Firebreak: when it fails, the incident's timeline says so at once (in a transaction of
   * its own, as the step's is rolled back), once per distinct failure, and the step fails for its retry cycle.
   */
  private JavaDelegate outside(JavaDelegate step) {
    return failingSteps.noted(step);
  }

  /** A step that hands the incident to a port, and nothing else. */
  private JavaDelegate onIncident(Consumer<Incident> step) {
    return outside(execution -> step.accept(incident(execution)));
  }

  private Incident incident(DelegateExecution execution) {
    return incidents.get(IncidentVariables.incidentKey(execution));
  }

  /**
   * Creates something outside unless the incident has it already, and stores it in a transaction of its own before
   * anything else happens, so a retry of a step that failed later never creates it twice.
   *
   * @return the incident as it is now, read after the link was stored
   */
  private Incident linkOnce(DelegateExecution execution, LinkKind kind, Function<Incident, ExternalLink> existing,
                            Function<Incident, Optional<ExternalLink>> create) {
    Incident incident = incident(execution);
    if (existing.apply(incident) == null) {
      create.apply(incident).ifPresent(link -> incidents.link(incident.key(), kind, link));
    }
    return incidents.get(incident.key());
  }
}
