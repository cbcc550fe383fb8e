package io.firebreak.config;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * With {@code firebreak.node-name} set (one name per node), the job executor locks jobs in that name, so
 * {@code ACT_RU_JOB.LOCK_OWNER_} tells which node holds a job, e.g. one that died. Unset, Camunda picks a random id.
 */
@Component
class NodeName extends AbstractProcessEnginePlugin {

  private final String name;

  NodeName(@Value("${firebreak.node-name:}") String name) {
    this.name = name;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!name.isBlank() && configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(name);
    }
  }
}
