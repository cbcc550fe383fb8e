/**
 * The postmortem of an incident: preparation, meeting, review and publication as Markdown, action items and their
 * follow-up, the archive; the delegates and listeners of {@code processes/postmortem.bpmn} and
 * {@code processes/action-item.bpmn}; the ports it needs (follow-up tickets, meeting calendar, action item reminders,
 * postmortem repository), which {@code integration} implements.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Postmortem",
    allowedDependencies = {"config", "incident"})
package io.firebreak.postmortem;
