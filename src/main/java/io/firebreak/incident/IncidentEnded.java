package io.firebreak.incident;

/**
 * An incident ended early as a false alarm or as a duplicate of another, published in the ending's transaction so
 * that other modules (the alert intake) follow: a false alarm's alerts are suppressed, a duplicate's move to the
 * incident it duplicates.
 */
public record IncidentEnded(String key, String processInstanceId, IncidentEndings.Ending ending, String duplicateOf,
                            String duplicateOfProcessInstanceId) {
}
