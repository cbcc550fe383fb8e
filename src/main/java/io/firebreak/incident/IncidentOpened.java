package io.firebreak.incident;

/** An incident was recorded (from an alert or declared by a person; {@code source} says which), published in its step's transaction. */
public record IncidentOpened(String key, Severity severity, String source) {
}
