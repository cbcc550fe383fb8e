package io.firebreak.incident;

/** The roles of an incident response. Only the Incident Manager appoints the others. */
public enum Role {
  FIRST_RESPONDER, INCIDENT_MANAGER, COMMUNICATIONS_MANAGER, DOMAIN_EXPERT
}
