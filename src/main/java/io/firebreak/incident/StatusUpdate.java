package io.firebreak.incident;


/**
 * An update the Incident Manager gave: for responders and the company, not for customers. {@code roleChanges} says
 * who took over which role in the same round, or is null.
 */
public record StatusUpdate(Status status, String text, String affectedComponents, String roleChanges) {
}
