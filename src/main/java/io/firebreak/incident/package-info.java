/**
 * The incident: its record, repository and API, the delegates and task listeners of the incident process
 * ({@code processes/incident.bpmn}), and the ports to the outside tools it needs (chat, ticket, bridge, paging, status
 * page, mail), which {@code integration} implements. Publishes {@link io.firebreak.incident.IncidentOpened},
 * {@link io.firebreak.incident.IncidentAcknowledged}, {@link io.firebreak.incident.IncidentResolved} and
 * {@link io.firebreak.incident.IncidentEnded}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incident", allowedDependencies = "config")
package io.firebreak.incident;
