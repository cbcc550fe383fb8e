/**
 * The adapters to outside tools, one vendor per sub-package (slack, jira, opsgenie, statuspage, calendar, mail, git)
 * plus {@code recorder}, which writes what would have happened onto the timeline when no tool is configured. Each
 * implements ports of {@code incident} and {@code postmortem}; vendor payloads (webhooks) are read here and handed to
 * the features' services. Nothing depends on this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Integrations",
    allowedDependencies = {"config", "incident", "postmortem"})
package io.firebreak.integration;
