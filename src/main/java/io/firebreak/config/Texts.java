package io.firebreak.config;

/**
 * What a sender's text may carry into our records: NUL characters (which PostgreSQL refuses in text) are removed,
 * and a text longer than its column is cut to fit, marked with an ellipsis. The full text stays in the alert's raw
 * payload.
 */
public final class Texts {

  private static final char ELLIPSIS = '…';

  private Texts() {
  }

  /** The text without NUL characters; null stays null. */
  public static String withoutNul(String text) {
    return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
  }

  /** The text without NUL characters, cut to at most {@code max} characters; blank becomes null. */
  public static String fit(String text, int max) {
    String clean = withoutNul(text);
    if (clean == null || clean.isBlank()) {
      return null;
    }
    if (clean.length() <= max) {
      return clean;
    }
    int end = max - 1;
    // never cut a surrogate pair in half
    if (Character.isHighSurrogate(clean.charAt(end - 1))) {
      end--;
    }
    return clean.substring(0, end) + ELLIPSIS;
  }
}
