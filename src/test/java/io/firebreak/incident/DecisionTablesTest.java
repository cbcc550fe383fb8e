package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.FirebreakTest;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of processes/triage.dmn, communication.dmn and postmortem-policy.dmn, evaluated by the deployed decisions. */
class DecisionTablesTest extends FirebreakTest {

  @org.junit.jupiter.api.Test
  void theEngineEvaluatesTheTablesFeelThroughItsMemory() {
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration();
    assertThat(configuration.getDmnEngineConfiguration().getFeelEngine().getClass().getSimpleName())
        .isEqualTo("MemoizingFeelEngine");
  }

  @ParameterizedTest(name = "triage: source={0} environment={1} hint={2} -> {3} {4}")
  @CsvSource(nullValues = "null", value = {
      // a person declared: always declare, with their severity
      "manual,       production, sev4,     declare,  SEV4",
      "manual,       staging,    critical, declare,  SEV4",
      // non-production environments are not incidents
      "alertmanager, staging,    critical, ignore,   SEV4",
      "pingdom,      dev,        high,     ignore,   SEV4",
      "alertmanager, test,       critical, ignore,   SEV4",
      "alertmanager, development, high,    ignore,   SEV4",
      // by the source's severity
      "alertmanager, production, critical, declare,  SEV1",
      "opsgenie,     production, p1,       declare,  SEV1",
      "alertmanager, production, high,     declare,  SEV2",
      "alertmanager, production, error,    declare,  SEV2",
      "opsgenie,     production, p2,       declare,  SEV2",
      "alertmanager, production, warning,  evaluate, SEV3",
      "opsgenie,     production, p3,       evaluate, SEV3",
      "alertmanager, production, info,     ignore,   SEV4",
      "opsgenie,     production, p5,       ignore,   SEV4",
      // anything unrecognised goes to a First Responder
      "generic,      production, purple,   evaluate, SEV3",
      "generic,      null,       null,     evaluate, SEV3"})
  void triage(String source, String environment, String severityHint, String action, String severity) {
    DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey("triage")
        .variables(Variables.createVariables()
            .putValue("source", source).putValue("environment", environment).putValue("severityHint", severityHint)
            .putValue("severity", "SEV4"))
        .evaluate();
    assertThat(result.getSingleResult().<String>getEntry("action")).isEqualTo(action);
    assertThat(result.getSingleResult().<String>getEntry("severity")).isEqualTo(severity);
  }

  @ParameterizedTest(name = "communication: {0} impact={1} customerFacing={2} -> status page {3}, email {4}, every {5}")
  @CsvSource({
      "SEV1, none,     false, true,  true,  PT30M",
      "SEV2, major,    false, true,  true,  PT1H",
      "SEV2, critical, true,  true,  true,  PT1H",
      "SEV2, minor,    true,  true,  false, PT1H",
      "SEV3, major,    true,  true,  true,  PT2H",
      "SEV3, minor,    true,  true,  false, PT2H",
      "SEV3, critical, false, false, false, PT2H",
      "SEV4, critical, true,  false, false, PT4H"})
  void communication(String severity, String impact, boolean customerFacing, boolean statusPage, boolean email,
                     String interval) {
    DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey("communication")
        .variables(Variables.createVariables()
            .putValue("severity", severity).putValue("impact", impact).putValue("customerFacing", customerFacing))
        .evaluate();
    assertThat(result.getSingleResult().<Boolean>getEntry("statusPage")).isEqualTo(statusPage);
    assertThat(result.getSingleResult().<Boolean>getEntry("email")).isEqualTo(email);
    assertThat(result.getSingleResult().<String>getEntry("updateInterval")).isEqualTo(interval);
  }

  @ParameterizedTest(name = "postmortem-policy: {0} impact={1} customerFacing={2} falseAlarm={3} -> {4}")
  @CsvSource({
      "SEV1, critical, true,  false, required",
      "SEV2, minor,    false, false, required",
      "SEV3, major,    true,  false, optional",
      "SEV4, critical, true,  false, none",
      "SEV1, critical, true,  true,  none",
      "SEV3, none,     false, true,  none"})
  void postmortemPolicy(String severity, String impact, boolean customerFacing, boolean falseAlarm, String postmortem) {
    DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey("postmortem-policy")
        .variables(Variables.createVariables().putValue("severity", severity).putValue("impact", impact)
            .putValue("customerFacing", customerFacing).putValue("falseAlarm", falseAlarm).putValue("duplicate", false))
        .evaluate();
    assertThat(result.getSingleResult().<String>getEntry("postmortem")).isEqualTo(postmortem);
    DmnDecisionResult duplicate = engine.getDecisionService().evaluateDecisionByKey("postmortem-policy")
        .variables(Variables.createVariables().putValue("severity", severity).putValue("impact", impact)
            .putValue("customerFacing", customerFacing).putValue("falseAlarm", falseAlarm).putValue("duplicate", true))
        .evaluate();
    assertThat(duplicate.getSingleResult().<String>getEntry("postmortem")).as("a duplicate").isEqualTo("none");
  }
}
