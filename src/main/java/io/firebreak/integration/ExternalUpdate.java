package io.firebreak.integration;

import io.firebreak.incident.Status;

/** An update for customers, as the Communications Manager approved it. */
public record ExternalUpdate(Status status, String message, String affectedComponents) {
}
