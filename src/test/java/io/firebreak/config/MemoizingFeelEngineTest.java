package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/** The remembered FEEL answers what Camunda's FEEL answers, and asks it only where the answer cannot change. */
class MemoizingFeelEngineTest {

  /** Camunda's FEEL engine, counting what it is asked. */
  static final class Counting implements FeelEngine {
    final FeelEngine feel = new ScalaFeelEngineFactory().createInstance();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
      calls.incrementAndGet();
      return feel.evaluateSimpleExpression(expression, variables);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
      calls.incrementAndGet();
      return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }
  }

  final Counting camunda = new Counting();
  final MemoizingFeelEngine remembering = new MemoizingFeelEngine(camunda);

  @Test
  void everyTableDecidesAsWithCamundasFeelAloneAndMostCellsAreAskedOnce() throws Exception {
    DmnEngine plain = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnEngine memo = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
        .feelEngineFactory(() -> remembering).buildEngine();
    List<String> sources = List.of("manual", "alertmanager", "pingdom", "opsgenie", "generic");
    List<String> environments = new ArrayList<>(List.of("production", "staging", "dev", "test", "Production"));
    List<String> hints = new ArrayList<>(List.of("critical", "sev1", "p1", "high", "warning", "info", "p5", "purple"));
    environments.add(null);
    hints.add(null);
    int evaluations = 0;
    for (int round = 0; round < 2; round++) {
      for (String source : sources) {
        for (String environment : environments) {
          for (String hint : hints) {
            VariableMap variables = Variables.createVariables().putValue("source", source)
                .putValue("environment", environment).putValue("severityHint", hint).putValue("severity", "SEV4");
            assertThat(evaluate(memo, "triage.dmn", "triage", variables))
                .as("triage of %s %s %s", source, environment, hint)
                .isEqualTo(evaluate(plain, "triage.dmn", "triage", variables));
            evaluations++;
          }
        }
      }
    }
    for (String severity : List.of("SEV1", "SEV2", "SEV3", "SEV4")) {
      for (String impact : List.of("none", "minor", "major", "critical")) {
        for (boolean customerFacing : List.of(true, false)) {
          VariableMap variables = Variables.createVariables().putValue("severity", severity)
              .putValue("impact", impact).putValue("customerFacing", customerFacing);
          assertThat(evaluate(memo, "communication.dmn", "communication", variables))
              .isEqualTo(evaluate(plain, "communication.dmn", "communication", variables));
        }
      }
    }
    int askedAfterFirstRound = camunda.calls.get();
    assertThat(remembering.remembered()).isPositive();
    // The second round of triage asked Camunda's FEEL nothing: every cell of the table is literals.
    for (String source : sources) {
      evaluate(memo, "triage.dmn", "triage", Variables.createVariables().putValue("source", source)
          .putValue("environment", "production").putValue("severityHint", "critical").putValue("severity", "SEV4"));
    }
    assertThat(camunda.calls.get()).isEqualTo(askedAfterFirstRound);
    assertThat(evaluations).isEqualTo(2 * 5 * 6 * 9);
  }

  @Test
  void aTestThatReadsAnotherVariableIsAskedEveryTime() {
    VariableMap variables = Variables.createVariables().putValue("cellInput", 5).putValue("limit", 3);
    assertThat(remembering.evaluateSimpleUnaryTests("> limit", "cellInput", variables.asVariableContext())).isTrue();
    variables.putValue("limit", 7);
    assertThat(remembering.evaluateSimpleUnaryTests("> limit", "cellInput", variables.asVariableContext())).isFalse();
    assertThat(camunda.calls.get()).isEqualTo(2);
    assertThat(remembering.remembered()).isZero();
  }

  @Test
  void literalTestsAreRememberedPerInputValueAndType() {
    String cell = "\"critical\",\"sev1\", \"p1\"";
    assertThat(tests(cell, "critical")).isTrue();
    assertThat(tests(cell, "critical")).isTrue();
    assertThat(tests(cell, "warning")).isFalse();
    assertThat(tests("not(\"critical\")", "critical")).isFalse();
    assertThat(tests("1, 2", 1)).isTrue();
    assertThat(tests("1, 2", 1L)).isTrue();
    assertThat(tests("1, 2", "1")).isFalse();
    assertThat(camunda.calls.get()).as("critical asked once, then remembered").isEqualTo(6);
  }

  @Test
  void aVariableNameIsRememberedPerValueAndAnythingElseIsNot() {
    assertThat(expression("severityHint", Variables.createVariables().putValue("severityHint", "high")))
        .isEqualTo("high");
    assertThat(expression("severityHint", Variables.createVariables().putValue("severityHint", "high")))
        .isEqualTo("high");
    assertThat(expression("severityHint", Variables.createVariables().putValue("severityHint", "low")))
        .isEqualTo("low");
    assertThat(expression("severityHint", Variables.createVariables())).isNull();
    assertThat(expression("\"declare\"", Variables.createVariables())).isEqualTo("declare");
    assertThat(expression("\"declare\"", Variables.createVariables())).isEqualTo("declare");
    int remembered = camunda.calls.get();
    assertThat(remembered).isEqualTo(4);
    assertThat(expression("upper case(severityHint)", Variables.createVariables().putValue("severityHint", "a")))
        .isEqualTo("A");
    assertThat(expression("upper case(severityHint)", Variables.createVariables().putValue("severityHint", "a")))
        .isEqualTo("A");
    assertThat(camunda.calls.get()).isEqualTo(remembered + 2);
  }

  @Test
  void beyondItsCapacityItForgetsAndStillAnswers() {
    for (int i = 0; i <= MemoizingFeelEngine.CAPACITY; i++) {
      tests("\"a\"", "value-" + i);
    }
    assertThat(remembering.remembered()).isLessThanOrEqualTo(MemoizingFeelEngine.CAPACITY).isPositive();
    assertThat(tests("\"a\"", "a")).isTrue();
  }

  private boolean tests(String cell, Object input) {
    return remembering.evaluateSimpleUnaryTests(cell, "cellInput",
        Variables.createVariables().putValue("cellInput", input).asVariableContext());
  }

  private Object expression(String expression, VariableMap variables) {
    return remembering.evaluateSimpleExpression(expression, variables.asVariableContext());
  }

  private final java.util.Map<List<Object>, DmnDecision> parsed = new java.util.HashMap<>();

  private Object evaluate(DmnEngine engine, String file, String key, VariableMap variables) throws Exception {
    DmnDecision decision = parsed.get(List.of(engine, file));
    if (decision == null) {
      try (InputStream model = Files.newInputStream(Path.of("processes", file))) {
        decision = engine.parseDecision(key, model);
      }
      parsed.put(List.of(engine, file), decision);
    }
    return engine.evaluateDecisionTable(decision, variables).getResultList();
  }
}
