package io.firebreak.postmortem;

import static io.firebreak.incident.IncidentProcess.Variables.INCIDENT_KEY;
import static io.firebreak.incident.IncidentProcess.Variables.INCIDENT_MANAGER;
import static io.firebreak.incident.IncidentProcess.Variables.SEVERITY;
import static io.firebreak.incident.IncidentProcess.Variables.TITLE;

import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.TimelineEntryType;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The postmortem as the incident process needs it: started from the Improve stage, written by the Incident
 * Manager, and announced to the incident when published (message {@code PostmortemPublished}).
 */
@Configuration(proxyBeanMethods = false)
class PostmortemSteps {

  /** "Start the postmortem" (incident process): one postmortem per incident, keyed by the incident key. */
  @Bean
  JavaDelegate startPostmortem(@Lazy RuntimeService runtimeService) {
    return execution -> {
      String key = (String) execution.getVariable(INCIDENT_KEY);
      boolean running = runtimeService.createProcessInstanceQuery()
          .processDefinitionKey(PostmortemProcess.KEY).processInstanceBusinessKey(key).count() > 0;
      if (running) {
        return;
      }
      runtimeService.createProcessInstanceByKey(PostmortemProcess.KEY)
          .businessKey(key)
          .setVariable(INCIDENT_KEY, key)
          .setVariable(TITLE, execution.getVariable(TITLE))
          .setVariable(SEVERITY, execution.getVariable(SEVERITY))
          .setVariable(INCIDENT_MANAGER, execution.getVariable(INCIDENT_MANAGER))
          .execute();
    };
  }

  /** "Publish the postmortem" (postmortem process): records it and lets the incident close. */
  @Bean
  JavaDelegate publishPostmortem(IncidentRepository incidents, @Lazy RuntimeService runtimeService) {
    return execution -> {
      String key = (String) execution.getVariable(INCIDENT_KEY);
      incidents.appendTimeline(key, TimelineEntryType.POSTMORTEM, (String) execution.getVariable(INCIDENT_MANAGER),
          "Postmortem published");
      runtimeService.createMessageCorrelation(IncidentProcess.Messages.POSTMORTEM_PUBLISHED)
          .processInstanceBusinessKey(key)
          .correlateWithResult();
    };
  }

  /** "Write postmortem": keeps what was written on the incident's timeline. */
  @Component("writePostmortem")
  public static class WritePostmortem {

    private final IncidentRepository incidents;

    WritePostmortem(IncidentRepository incidents) {
      this.incidents = incidents;
    }

    public void complete(DelegateTask task) {
      Object summary = task.getVariable(PostmortemProcess.Variables.SUMMARY);
      if (summary == null || summary.toString().isBlank()) {
        throw new BadUserRequestException("Summary is required (form field 'summary')");
      }
      incidents.appendTimeline((String) task.getVariable(INCIDENT_KEY), TimelineEntryType.POSTMORTEM,
          task.getAssignee(), "Postmortem written: " + summary.toString().trim());
    }
  }
}
