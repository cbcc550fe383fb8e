package io.firebreak.incident;

/**
 * Where an incident stands. OPEN from declaration until the Incident Manager has the team; FIX while it is being
 * fixed; RESOLVED once the Incident Manager confirmed the resolution, for the reopen window (a firing alert within it
 * takes the incident back to FIX); IMPROVE while the postmortem runs; CLOSED once the postmortem is published, or at
 * the end of the reopen window when there is no postmortem.
 */
public enum Stage {
  OPEN, FIX, RESOLVED, IMPROVE, CLOSED
}
