package io.firebreak.alert;

/**
 * What Firebreak did with one alert: the answer to the source, one entry per alert.
 *
 * @param incidentKey the incident the alert went to; for an alert that {@link Outcome#STARTED} a process (and one that
 *                    joined it before its incident was recorded), the key reserved for the incident: the process
 *                    triages the alert after the answer and records the incident under it, or leaves it unused when
 *                    triage ignores the alert or a First Responder dismisses it, so incident numbers may skip. Until
 *                    then {@code GET /api/incidents/{key}} answers 404, saying the alert is being evaluated.
 * @param reason why an alert was rejected, or how it came to its incident; null when the outcome says it all
 */
public record AlertOutcome(String fingerprint, AlertStatus status, Outcome outcome, String incidentKey,
                           String processInstanceId, String reason) {

  public enum Outcome {
    /**
     * A new incident process, under a reserved incident key: it becomes an incident, an evaluation by a First
     * Responder, or is ignored by triage, after the answer.
     */
    STARTED,
    /** Taken onto the open incident or the pending evaluation of the same fingerprint. */
    ATTACHED,
    /** A new alert of a group whose incident (or pending evaluation) is open: it joined that incident. */
    GROUPED,
    /**
     * Fired within the reopen window after its incident (or its group's) was resolved: that incident is back in the Fix
     * instead of a new one opening.
     */
    REOPENED,
    /** A new alert during an alert storm: the storm guard attached it to the storm incident. */
    STORM,
    /** A First Responder dismissed this fingerprint or its group (or triage ignored it) within the suppression window. */
    SUPPRESSED,
    /** The source reports recovery; the Incident Manager is told once all alerts of the incident recovered. */
    RECOVERED,
    /** The paging tool says someone acknowledged it. */
    ACKNOWLEDGED,
    /** The same news again (a re-sent resolution or acknowledgement): nothing changes. */
    DUPLICATE,
    /** Nothing open to attach a resolution or acknowledgement to, or an event without alert meaning. */
    IGNORED,
    /** This alert of the request could not be read (the reason says why); the request's other alerts were taken. */
    REJECTED
  }

  AlertOutcome withReason(String why) {
    return new AlertOutcome(fingerprint, status, outcome, incidentKey, processInstanceId, why);
  }

  AlertOutcome withKey(String key) {
    return new AlertOutcome(fingerprint, status, outcome, key, processInstanceId, reason);
  }

  static AlertOutcome rejected(String fingerprint, String reason) {
    return new AlertOutcome(fingerprint, null, Outcome.REJECTED, null, null, reason);
  }
}
