package io.firebreak;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;

/**
 * What the process tests say about a process instance: where it waits, which activities it has passed, whether it
 * has ended. Read through the engine's own runtime and history API with AssertJ, so the same tests run on Camunda 7
 * and on Operaton, which does not publish its assertion library (README, Running on Operaton). The checks are those
 * of camunda-bpm-assert's {@code ProcessInstanceAssert} that the tests used, with the same meaning:
 * <ul>
 *   <li>{@link ProcessInstanceAssert#isWaitingAt} — the running instance has an activity or transition instance of
 *       each id in its activity tree;</li>
 *   <li>{@link ProcessInstanceAssert#hasPassed}, {@link ProcessInstanceAssert#hasNotPassed},
 *       {@link ProcessInstanceAssert#hasPassedInOrder} — over its finished historic activity instances, ordered by
 *       end time and then by occurrence;</li>
 *   <li>{@link ProcessInstanceAssert#isEnded} — not running, and in the history;
 *       {@link ProcessInstanceAssert#isActive} — running and not suspended.</li>
 * </ul>
 */
public final class ProcessAssertions {

  private static volatile ProcessEngine engine;

  private ProcessAssertions() {
  }

  /** The engine the assertions ask; set before each test ({@link FirebreakTest}). */
  public static void init(ProcessEngine processEngine) {
    engine = processEngine;
  }

  public static ProcessInstanceAssert assertThat(ProcessInstance actual) {
    if (engine == null) {
      throw new IllegalStateException("ProcessAssertions.init(engine) was not called");
    }
    return new ProcessInstanceAssert(engine, actual);
  }

  public static final class ProcessInstanceAssert extends AbstractAssert<ProcessInstanceAssert, ProcessInstance> {

    private final ProcessEngine engine;

    private ProcessInstanceAssert(ProcessEngine engine, ProcessInstance actual) {
      super(actual, ProcessInstanceAssert.class);
      this.engine = engine;
    }

    /** Waits at every one of these activities now (a user task, a receive event, a job before an activity, …). */
    public ProcessInstanceAssert isWaitingAt(String... activityIds) {
      ProcessInstance current = running("to be waiting at " + Arrays.toString(activityIds));
      requireIds(activityIds);
      List<String> waitingAt = waitingAt(current);
      Assertions.assertThat(waitingAt)
          .overridingErrorMessage("Expecting %s to be waiting at %s, but it is actually waiting at %s.",
              describe(actual), Arrays.asList(activityIds), waitingAt)
          .contains(activityIds);
      return this;
    }

    /** Has finished every one of these activities at least once. */
    public ProcessInstanceAssert hasPassed(String... activityIds) {
      return passed(activityIds, true, false);
    }

    /** Has finished these activities at least once each, in this order (by end time, then by occurrence). */
    public ProcessInstanceAssert hasPassedInOrder(String... activityIds) {
      return passed(activityIds, true, true);
    }

    /** Has finished none of these activities. */
    public ProcessInstanceAssert hasNotPassed(String... activityIds) {
      return passed(activityIds, false, false);
    }

    /** Is no longer running, and the history has it. */
    public ProcessInstanceAssert isEnded() {
      isNotNull();
      String message = "Expecting %s to be ended, but it is not!";
      Assertions.assertThat(runningInstance()).overridingErrorMessage(message, describe(actual)).isNull();
      Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
              .processInstanceId(actual.getId()).singleResult())
          .overridingErrorMessage(message, describe(actual)).isNotNull();
      return this;
    }

    /** Is running and not suspended. */
    public ProcessInstanceAssert isActive() {
      ProcessInstance current = running("to be active");
      Assertions.assertThat(current.isSuspended())
          .overridingErrorMessage("Expecting %s not to be suspended, but it is!", describe(current)).isFalse();
      return this;
    }

    private ProcessInstanceAssert passed(String[] activityIds, boolean passed, boolean inOrder) {
      isNotNull();
      requireIds(activityIds);
      List<String> finished = engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(actual.getId()).finished()
          .orderByHistoricActivityInstanceEndTime().asc().orderPartiallyByOccurrence().asc()
          .list().stream().map(HistoricActivityInstance::getActivityId).toList();
      String message = "Expecting %s " + (passed ? "to have passed activities %s at least once"
          + (inOrder ? " and in order" : "") : "NOT to have passed activities %s") + ", but it passed %s.";
      if (!passed) {
        Assertions.assertThat(finished).overridingErrorMessage(message, describe(actual), Arrays.asList(activityIds),
            finished).doesNotContain(activityIds);
        return this;
      }
      Assertions.assertThat(finished).overridingErrorMessage(message, describe(actual), Arrays.asList(activityIds),
          finished).contains(activityIds);
      if (inOrder) {
        List<String> remaining = finished;
        for (String activityId : activityIds) {
          Assertions.assertThat(remaining).overridingErrorMessage(message, describe(actual),
              Arrays.asList(activityIds), finished).contains(activityId);
          remaining = remaining.subList(remaining.indexOf(activityId) + 1, remaining.size());
        }
      }
      return this;
    }

    /** The running instance; fails for none (null) and for one that has ended already. */
    private ProcessInstance running(String expectation) {
      Assertions.assertThat(actual)
          .overridingErrorMessage("Expecting a process instance %s, but found null!", expectation).isNotNull();
      ProcessInstance current = runningInstance();
      Assertions.assertThat(current)
          .overridingErrorMessage("Expecting %s %s, but it has ended already!", describe(actual), expectation)
          .isNotNull();
      return current;
    }

    private ProcessInstance runningInstance() {
      return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(actual.getId()).singleResult();
    }

    /** Ids of every activity and transition instance below the process instance's own, however deep. */
    private List<String> waitingAt(ProcessInstance current) {
      ActivityInstance root = engine.getRuntimeService().getActivityInstance(current.getId());
      List<String> ids = new ArrayList<>();
      Deque<ActivityInstance> open = new ArrayDeque<>(List.of(root));
      while (!open.isEmpty()) {
        ActivityInstance instance = open.pop();
        if (instance != root) {
          ids.add(instance.getActivityId());
        }
        for (TransitionInstance transition : instance.getChildTransitionInstances()) {
          ids.add(transition.getActivityId());
        }
        open.addAll(Arrays.asList(instance.getChildActivityInstances()));
      }
      return ids;
    }

    private static void requireIds(String[] activityIds) {
      Assertions.assertThat(activityIds)
          .overridingErrorMessage("Expecting activity ids, not none and no null among them: %s",
              activityIds == null ? null : Arrays.asList(activityIds))
          .isNotNull().isNotEmpty().doesNotContainNull();
    }

    private static String describe(ProcessInstance instance) {
      return instance == null ? "null" : "ProcessInstance {id='%s', processDefinitionId='%s', businessKey='%s'}"
          .formatted(instance.getId(), instance.getProcessDefinitionId(), instance.getBusinessKey());
    }
  }
}
