/**
 * Alerts from monitoring: the intake (grouping, deduplication, storm guard), the formats of each source
 * (Alertmanager, Pingdom, Opsgenie, generic) and their REST endpoints; an alert opens or joins an incident through the
 * incident's published API. Publishes {@link io.firebreak.alert.AlertsTaken}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alert", allowedDependencies = {"config", "incident"})
package io.firebreak.alert;
