package io.firebreak.incident;

import io.firebreak.incident.IncidentProcess.Variables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A role changed after "Appoint roles" outside the incident's own tasks (in chat: {@code /incident role cm @someone}).
 * The rule is {@link IncidentResponse#appointRoles}'; the incident process's variable follows, so its next "Publish
 * external update" goes to the new Communications Manager; and {@code processes/incident-roles-changed.bpmn} tells the
 * channel as after "Appoint roles". All in one transaction: a change is never announced without being made, and its
 * one step "Tell the channel the roles changed" is {@code asyncBefore} with the shared retry cycle, so a chat outage is
 * retried and ends as a Cockpit incident, and never undoes or fails the change. The instance is started by Firebreak
 * itself, so no user needs a permission on the model.
 */
@Component
public class IncidentRoleChanges {

  private final IncidentResponse response;
  private final IncidentRepository incidents;
  private final ProcessEngine engine;

  IncidentRoleChanges(IncidentResponse response, IncidentRepository incidents, ProcessEngine engine) {
    this.response = response;
    this.incidents = incidents;
    this.engine = engine;
  }

  /**
   * {@code manager} is the Communications Manager of incident {@code key} from now on, the Domain Experts kept.
   *
   * @throws RejectedInput when Firebreak does not know {@code manager}
   */
  @Transactional
  public void appointCommunicationsManager(String key, String actor, String manager) {
    Incident incident = incidents.get(key);
    response.appointRoles(key, actor, manager, incident.roles().domainExperts());
    RuntimeService runtime = engine.getRuntimeService();
    if (runtime.createProcessInstanceQuery().processInstanceId(incident.processInstanceId()).count() == 1) {
      runtime.setVariable(incident.processInstanceId(), Variables.COMMUNICATIONS_MANAGER, manager);
    }
    IdentityService identity = engine.getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      runtime.createProcessInstanceByKey(IncidentProcess.ROLES_CHANGED_KEY)
          .businessKey(key)
          .setVariable(Variables.INCIDENT_KEY, key)
          .execute();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
