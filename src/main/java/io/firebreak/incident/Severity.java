package io.firebreak.incident;

/** How bad an incident is; SEV1 is the worst. Chosen by triage or by the person who declares it. */
public enum Severity {
  SEV1, SEV2, SEV3, SEV4;

  public static Severity parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("severity is required (SEV1, SEV2, SEV3 or SEV4)");
    }
    try {
      return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("severity must be SEV1, SEV2, SEV3 or SEV4, not '" + value + "'");
    }
  }

  /** The customer impact we assume until someone says otherwise (Statuspage's impact levels). */
  public Impact defaultImpact() {
    return switch (this) {
      case SEV1 -> Impact.CRITICAL;
      case SEV2 -> Impact.MAJOR;
      case SEV3 -> Impact.MINOR;
      case SEV4 -> Impact.NONE;
    };
  }
}
