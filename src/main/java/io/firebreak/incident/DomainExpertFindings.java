package io.firebreak.incident;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What the Domain Experts found and propose while the Fix lasts. Each sharing is a {@code FINDINGS} entry on the
 * timeline with the expert as its actor; the Incident Manager reads the latest one of every current expert.
 */
@Service
public class DomainExpertFindings {

  static final String PREFIX = "Findings: ";
  static final String MITIGATIONS = "\nProposed mitigations: ";

  private final IncidentRepository incidents;

  DomainExpertFindings(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  /** Who is asked for findings: the incident's Domain Experts as recorded now. */
  public List<String> experts(String key) {
    return incidents.get(key).roles().domainExperts();
  }

  /**
   * Records what {@code expert} shares; {@code findings} is required, {@code mitigations} optional.
   *
   * @return the text as the timeline and the channel read it
   */
  public String share(String key, String expert, String findings, String mitigations) {
    if (findings == null || findings.isBlank()) {
      throw new RejectedInput("Findings are required (form field 'findings')");
    }
    if (!experts(key).contains(expert)) {
      throw new RejectedInput(expert + " is no Domain Expert of " + key + " any more");
    }
    String text = PREFIX + findings.strip()
        + (mitigations == null || mitigations.isBlank() ? "" : MITIGATIONS + mitigations.strip());
    if (text.length() > IncidentLimits.VARIABLE) {
      throw new RejectedInput("Findings and proposed mitigations are at most "
          + IncidentLimits.VARIABLE + " characters together (form fields 'findings', 'proposedMitigations')");
    }
    incidents.appendTimeline(key, TimelineEntryType.FINDINGS, expert, text);
    return text;
  }

  /** The latest findings of each current Domain Expert, by user id; experts yet silent are left out. */
  public Map<String, String> latest(String key) {
    List<String> experts = experts(key);
    Map<String, String> latest = new LinkedHashMap<>();
    for (TimelineEntry entry : incidents.timeline(key)) {
      if (entry.type() == TimelineEntryType.FINDINGS && experts.contains(entry.actor())) {
        latest.put(entry.actor(), entry.message());
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    experts.stream().filter(latest::containsKey).sorted().forEach(expert -> ordered.put(expert, latest.get(expert)));
    return ordered;
  }

  /** {@link #latest} as one text for a read-only form field; null when nobody shared anything yet. */
  public String summary(String key) {
    Map<String, String> latest = latest(key);
    if (latest.isEmpty()) {
      return null;
    }
    String summary = latest.entrySet().stream()
        .map(entry -> entry.getKey() + " — " + entry.getValue())
        .collect(Collectors.joining("\n\n"));
    return summary.length() <= IncidentLimits.VARIABLE ? summary
        : summary.substring(0, IncidentLimits.VARIABLE - 1) + "…";
  }
}
