package io.firebreak.incident;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * The steps of an incident that are failing now, as the engine knows them: every job with an exception in the
 * incident's process instance and in the instances that work for it (its postmortem and action items, which carry the
 * incident key as business key, and anything they call). Read as the system: the caller's role groups see our record
 * of the incident, not the engine's process instances.
 */
@Component
public class FailingStepsInEngine {

  /** A step that failed and is retried ({@code retriesLeft > 0}) or waits in Cockpit ({@code cockpitIncident}). */
  public record FailingStep(String step, String elementId, String process, String error, int retriesLeft,
                     OffsetDateTime since, boolean cockpitIncident) {
  }

  private final ProcessEngine engine;

  FailingStepsInEngine(ProcessEngine engine) {
    this.engine = engine;
  }

  public List<FailingStep> of(io.firebreak.incident.Incident incident) {
    IdentityService identity = engine.getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      Set<String> instances = instancesOf(incident);
      if (instances.isEmpty()) {
        return List.of();
      }
      List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceIds(instances).withException()
          .list();
      if (jobs.isEmpty()) {
        return List.of();
      }
      Map<String, Incident> cockpit = instances.stream()
          .flatMap(instance -> engine.getRuntimeService().createIncidentQuery().processInstanceId(instance)
              .incidentType(Incident.FAILED_JOB_HANDLER_TYPE).list().stream())
          .filter(failed -> failed.getConfiguration() != null)
          .collect(Collectors.toMap(Incident::getConfiguration, Function.identity(), (first, second) -> first));
      return jobs.stream()
          .map(job -> failingStep(job, cockpit.get(job.getId())))
          .sorted(Comparator.comparing(FailingStep::since, Comparator.nullsLast(Comparator.naturalOrder())))
          .toList();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private Set<String> instancesOf(io.firebreak.incident.Incident incident) {
    Set<String> instances = new LinkedHashSet<>();
    if (incident.processInstanceId() != null) {
      instances.add(incident.processInstanceId());
    }
    engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(incident.key()).list()
        .forEach(instance -> instances.add(instance.getId()));
    Deque<String> callers = new ArrayDeque<>(instances);
    while (!callers.isEmpty()) {
      for (ProcessInstance called : engine.getRuntimeService().createProcessInstanceQuery()
          .superProcessInstanceId(callers.pop()).list()) {
        if (instances.add(called.getId())) {
          callers.push(called.getId());
        }
      }
    }
    return instances;
  }

  private FailingStep failingStep(Job job, Incident cockpitIncident) {
    String elementId = job.getFailedActivityId() != null ? job.getFailedActivityId()
        : cockpitIncident != null ? cockpitIncident.getActivityId() : null;
    return new FailingStep(stepName(job.getProcessDefinitionId(), elementId), elementId, job.getProcessDefinitionKey(),
        job.getExceptionMessage(), job.getRetries(), firstFailure(job), cockpitIncident != null);
  }

  private String stepName(String processDefinitionId, String elementId) {
    if (elementId == null) {
      return null;
    }
    ModelElementInstance element = engine.getRepositoryService().getBpmnModelInstance(processDefinitionId)
        .getModelElementById(elementId);
    return element instanceof FlowElement flowElement && flowElement.getName() != null ? flowElement.getName()
        : elementId;
  }

  /** When the job failed first, from the engine's job log (history level full); null without it. */
  private OffsetDateTime firstFailure(Job job) {
    return engine.getHistoryService().createHistoricJobLogQuery().jobId(job.getId()).failureLog()
        .orderByTimestamp().asc().listPage(0, 1).stream()
        .map(log -> at(log.getTimestamp()))
        .findFirst()
        .orElse(null);
  }

  private static OffsetDateTime at(Date date) {
    return date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
