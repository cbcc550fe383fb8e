package io.firebreak.incident;

import io.firebreak.incident.IncidentProcess.Variables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * A note goes to the channel through {@code processes/incident-note.bpmn}: started in the note's own transaction, its
 * one step "Post the note in the incident channel" is {@code asyncBefore} with the shared retry cycle, so a chat
 * outage is retried and ends as a Cockpit incident, and never loses or fails the note. The rule who may add a note
 * is {@link IncidentNotes}'; the instance is started by Firebreak itself, so no user needs a permission on the model.
 */
@Component
class IncidentNotePosting implements IncidentNotes.ToTheChannel {

  private final ProcessEngine engine;

  IncidentNotePosting(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public void post(String key, String author, String text) {
    IdentityService identity = engine.getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      engine.getRuntimeService().createProcessInstanceByKey(IncidentProcess.NOTE_KEY)
          .businessKey(key)
          .setVariable(Variables.INCIDENT_KEY, key)
          .setVariable(Variables.NOTE_AUTHOR, author)
          .setVariable(Variables.NOTE_TEXT, org.camunda.bpm.engine.variable.Variables.stringValue(text))
          .execute();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
