package io.firebreak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApplicationStartsTest extends FirebreakTest {

  @Test
  void deploysTheProcessesDecisionsAndForms() {
    var repository = engine.getRepositoryService();
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("incident").latestVersion().count()).isEqualTo(1);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("postmortem").latestVersion().count()).isEqualTo(1);
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("triage").count()).isPositive();
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("communication").count()).isPositive();
    String deploymentId = repository.createProcessDefinitionQuery().processDefinitionKey("incident").latestVersion()
        .singleResult().getDeploymentId();
    assertThat(repository.getDeploymentResourceNames(deploymentId))
        .anyMatch(name -> name.endsWith("lead-the-fix.form"));
  }
}
