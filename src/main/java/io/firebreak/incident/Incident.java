package io.firebreak.incident;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An incident as users see it: an operational disruption with key {@code INC-<n>}. Not to be confused with a
 * Camunda incident ({@code org.camunda.bpm.engine.runtime.Incident}), which is a failed job shown in Cockpit.
 */
public record Incident(
    String key,
    String title,
    String description,
    Severity severity,
    Impact impact,
    boolean customerFacing,
    Stage stage,
    Status status,
    String product,
    String environment,
    String source,
    String alertFingerprint,
    String processInstanceId,
    String lastStatusUpdate,
    String resolutionSummary,
    OffsetDateTime openedAt,
    OffsetDateTime acknowledgedAt,
    OffsetDateTime resolvedAt,
    OffsetDateTime closedAt,
    ExternalLink chatChannel,
    ExternalLink ticket,
    ExternalLink statusPage,
    ExternalLink bridge,
    Roles roles,
    long alertOccurrences,
    OffsetDateTime alertLastSeenAt,
    OffsetDateTime sourceRecoveredAt,
    OffsetDateTime reopenedAt,
    int reopenings,
    OffsetDateTime detectedAt) {

  public Incident {
    if (detectedAt == null) {
      detectedAt = openedAt;
    }
  }

  /** This incident with {@code roles} as its role holders. */
  public Incident withRoles(Roles roles) {
    return new Incident(key, title, description, severity, impact, customerFacing, stage, status, product, environment,
        source, alertFingerprint, processInstanceId, lastStatusUpdate, resolutionSummary, openedAt, acknowledgedAt,
        resolvedAt, closedAt, chatChannel, ticket, statusPage, bridge, roles, alertOccurrences, alertLastSeenAt,
        sourceRecoveredAt, reopenedAt, reopenings, detectedAt);
  }

  /** Who holds the roles of this incident now. */
  public record Roles(String firstResponder, String incidentManager, String communicationsManager,
                      List<String> domainExperts) {

    public static final Roles NONE = new Roles(null, null, null, List.of());
  }
}
