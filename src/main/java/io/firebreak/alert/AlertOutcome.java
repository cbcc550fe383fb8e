package io.firebreak.alert;

/** What Firebreak did with one alert: the answer to the source, one entry per alert. */
public record AlertOutcome(String fingerprint, AlertStatus status, Outcome outcome, String incidentKey,
                           String processInstanceId) {

  public enum Outcome {
    /** A new incident process: an incident, an evaluation by a First Responder, or ignored by triage. */
    STARTED,
    /** Taken onto the open incident or the pending evaluation of the same fingerprint. */
    ATTACHED,
    /** A First Responder dismissed this fingerprint (or triage ignored it) within the suppression window. */
    SUPPRESSED,
    /** The source reports recovery; the Incident Manager is told, the incident stays open. */
    RECOVERED,
    /** The paging tool says someone acknowledged it. */
    ACKNOWLEDGED,
    /** The same news again (a re-sent resolution or acknowledgement): nothing changes. */
    DUPLICATE,
    /** Nothing open to attach a resolution or acknowledgement to, or an event without alert meaning. */
    IGNORED
  }
}
