package io.firebreak.integration;

import io.firebreak.incident.Status;

/** An update the Incident Manager gave: for responders and the company, not for customers. */
public record StatusUpdate(Status status, String text, String affectedComponents) {
}
