package io.firebreak.config;

import java.util.List;

/** The groups the processes refer to; the Incident Manager appoints the others from their members. */
public final class FirebreakGroups {

  public static final String FIRST_RESPONDERS = "first-responders";
  public static final String INCIDENT_MANAGERS = "incident-managers";
  public static final String COMMUNICATIONS_MANAGERS = "communications-managers";
  public static final String DOMAIN_EXPERTS = "domain-experts";
  /** The default lead group: reviews postmortems in Tasklist and hears of overdue postmortem meetings. */
  public static final String POSTMORTEM_LEADS = "postmortem-leads";

  /**
   * Change the models: deploy BPMN, DMN and forms from Camunda Modeler and watch them in Cockpit. Not a role of the
   * incident, so not in {@link #ALL}.
   */
  public static final String PROCESS_OWNERS = "process-owners";

  /**
   * Read incidents and postmortems ({@code /api/incidents}, {@code /api/postmortems}) without taking part: the timeline
   * without raw alert payloads. Every role group reads them as well. Not a role of the incident, so not in {@link #ALL}.
   */
  public static final String INCIDENT_VIEWERS = "incident-viewers";

  /** The role groups of the processes: group id and display name. */
  public static final List<String[]> ALL = List.of(
      new String[] {FIRST_RESPONDERS, "First Responders"},
      new String[] {INCIDENT_MANAGERS, "Incident Managers"},
      new String[] {COMMUNICATIONS_MANAGERS, "Communications Managers"},
      new String[] {DOMAIN_EXPERTS, "Domain Experts"},
      new String[] {POSTMORTEM_LEADS, "Postmortem Leads"});

  private FirebreakGroups() {
  }
}
