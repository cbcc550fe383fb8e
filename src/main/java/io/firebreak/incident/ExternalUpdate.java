package io.firebreak.incident;


/** An update for customers, as the Communications Manager approved it. */
public record ExternalUpdate(Status status, String message, String affectedComponents) {
}
