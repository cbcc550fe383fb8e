package io.firebreak.incident;

import io.firebreak.config.Texts;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The Incident Manager ends an incident early, as a false alarm or as a duplicate of another incident: no postmortem
 * (postmortem-policy.dmn), resolved and then closed. Called from Lead the fix (Tasklist) and from the API.
 */
@Service
public class IncidentEndings {

  private static final Pattern KEY = Pattern.compile("INC-\\d{1,18}");

  public enum Ending {
    FALSE_ALARM("false-alarm"), DUPLICATE("duplicate");

    private final String value;

    Ending(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }

    public static Ending parse(String value) {
      for (Ending ending : values()) {
        if (ending.value.equalsIgnoreCase(value.trim())) {
          return ending;
        }
      }
      throw new IllegalArgumentException("must be false-alarm or duplicate");
    }
  }

  private final IncidentRepository incidents;
  private final ApplicationEventPublisher events;

  IncidentEndings(IncidentRepository incidents, ApplicationEventPublisher events) {
    this.incidents = incidents;
    this.events = events;
  }

  /** The incident's key to end as duplicate of, from a form or a request: {@code INC-7}, {@code inc-7}. */
  public static String duplicateKey(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new RejectedInput("An incident this one duplicates is required, such as INC-7 (" + field + ")");
    }
    String key = value.trim().toUpperCase(Locale.ROOT);
    if (!KEY.matcher(key).matches()) {
      throw new RejectedInput("'" + Texts.fit(value.trim(), 40) + "' is not an incident key such as INC-7 ("
          + field + ")");
    }
    return key;
  }

  /**
   * An incident ended early: its resolution summary, and the status it showed while it was open (investigating when
   * it had none yet), which is what its last round leaves behind.
   */
  public record Ended(String resolutionSummary, Status lastStatus) {
  }

  /**
   * Ends the incident. {@code duplicateOf} is a key checked by {@link #duplicateKey}, or null for a false alarm.
   */
  public Ended end(String key, Ending ending, String duplicateOf, String actor, String field) {
    Incident incident = incidents.get(key);
    if (incident.stage() != Stage.OPEN && incident.stage() != Stage.FIX) {
      throw new RejectedInput(key + " is " + incident.stage().name().toLowerCase(Locale.ROOT)
          + " already; only an open incident can be ended as a false alarm or a duplicate");
    }
    String summary;
    if (ending == Ending.FALSE_ALARM) {
      summary = "False alarm";
      incidents.appendTimeline(key, TimelineEntryType.RESOLVED, actor,
          "Ended as a false alarm: no postmortem; its alerts start nothing new for the suppression window");
      events.publishEvent(new IncidentEnded(key, incident.processInstanceId(), ending, null, null));
    } else {
      Incident original = incidents.find(duplicateOf).orElseThrow(() -> new RejectedInput(
          "There is no incident " + duplicateOf + " (" + field + ")"));
      if (original.key().equals(key)) {
        throw new RejectedInput("An incident cannot be a duplicate of itself (" + field + ")");
      }
      if (original.stage() != Stage.OPEN && original.stage() != Stage.FIX) {
        throw new RejectedInput(original.key() + " is " + original.stage().name().toLowerCase(Locale.ROOT)
            + "; reopen it or declare a new incident instead (" + field + ")");
      }
      String channel = original.chatChannel() == null ? null
          : original.chatChannel().url() != null ? original.chatChannel().url() : original.chatChannel().id();
      summary = "Duplicate of " + original.key() + (channel == null ? "" : ": continued in " + channel);
      String timeline = incidents.timeline(key).stream()
          .map(entry -> entry.occurredAt() + " " + entry.type() + ": " + entry.message())
          .collect(Collectors.joining("\n"));
      incidents.appendTimeline(key, TimelineEntryType.RESOLVED, actor, "Ended as a duplicate of " + original.key()
          + ": no postmortem; its alerts and timeline continue there" + (channel == null ? "" : " (" + channel + ")"));
      incidents.appendTimeline(original.key(), TimelineEntryType.ALERT_RECEIVED, actor, key + " (" + incident.title()
          + ") is a duplicate of this incident: its alerts and timeline are linked here", timeline);
      events.publishEvent(new IncidentEnded(key, incident.processInstanceId(), ending, original.key(),
          original.processInstanceId()));
    }
    incidents.resolve(key, summary, Timestamps.now());
    return new Ended(summary, incident.status() == null ? Status.INVESTIGATING : incident.status());
  }
}
