package io.firebreak.incident;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The people's open tasks of an incident, as the engine knows them: in the incident's process instance and in the
 * instances that work for it (postmortem, action items: the incident key is their business key). Read as the system,
 * like {@link FailingStepsInEngine}: who may read the incident sees what is waiting for whom; Tasklist itself decides
 * who may work on a task.
 */
@Component
public class OpenTasks {

  /** A task waiting for a person; {@code assignee} null while it waits for a group ({@code candidateGroups}). */
  public record OpenTask(String id, String name, String assignee, OffsetDateTime created, OffsetDateTime due) {
  }

  private final ProcessEngine engine;

  OpenTasks(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Oldest first. */
  public List<OpenTask> of(Incident incident) {
    IdentityService identity = engine.getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(incident.key()).active()
          .list();
      return tasks.stream()
          .map(task -> new OpenTask(task.getId(), task.getName(), task.getAssignee(), at(task.getCreateTime()),
              at(task.getDueDate())))
          .sorted(Comparator.comparing(OpenTask::created, Comparator.nullsLast(Comparator.naturalOrder())))
          .toList();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private static OffsetDateTime at(java.util.Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
