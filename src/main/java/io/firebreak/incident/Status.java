package io.firebreak.incident;

import java.util.Locale;

/** The status shown to the outside while the incident is being fixed (Statuspage's incident statuses). */
public enum Status {
  INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

  public static Status parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("status must be investigating, identified or monitoring, not '" + value + "'");
    }
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
