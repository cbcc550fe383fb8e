package io.firebreak.incident;

import java.util.Locale;

/** Customer impact, in the levels Statuspage uses. */
public enum Impact {
  NONE, MINOR, MAJOR, CRITICAL;

  public static Impact parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("impact must be none, minor, major or critical, not '" + value + "'");
    }
  }

  /** The spelling process variables and DMN use. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
