package io.firebreak.incident;

/**
 * Where an incident stands. OPEN from declaration until the Incident Manager has the team; FIX while it is being
 * fixed; RESOLVED once the Incident Manager confirmed the resolution; IMPROVE while the postmortem runs; CLOSED
 * once the postmortem is published.
 */
public enum Stage {
  OPEN, FIX, RESOLVED, IMPROVE, CLOSED
}
