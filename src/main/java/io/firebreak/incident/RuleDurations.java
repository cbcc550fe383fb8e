package io.firebreak.incident;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;

/**
 * Deadlines and timeboxes as a process owner writes them into the models: ISO-8601 durations such as {@code P14D},
 * {@code P6W}, {@code PT1H30M}. Read here from a process variable the model sets, never from a constant.
 */
public final class RuleDurations {

  private RuleDurations() {
  }

  /** A date period ({@code P14D}, {@code P6W}, {@code P1M}) or a time duration ({@code PT1H30M}, {@code P1DT2H}). */
  public static TemporalAmount parse(Object value, String what) {
    String text = value == null ? "" : value.toString().trim();
    if (text.isEmpty()) {
      throw new IllegalStateException("The model sets no " + what + " (an ISO-8601 duration such as P14D or PT1H30M)");
    }
    try {
      return text.contains("T") ? Duration.parse(text) : Period.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("The model's " + what + " '" + text
          + "' is not an ISO-8601 duration such as P14D or PT1H30M");
    }
  }

  /** A time duration such as a meeting's timebox ({@code PT1H30M}); a whole number of days ({@code P1D}) is one too. */
  public static Duration duration(Object value, String what) {
    TemporalAmount amount = parse(value, what);
    if (amount instanceof Duration duration) {
      return duration;
    }
    Period period = (Period) amount;
    if (period.getYears() != 0 || period.getMonths() != 0) {
      throw new IllegalStateException("The model's " + what + " '" + value + "' must be in days, hours or minutes");
    }
    return Duration.ofDays(period.getDays());
  }

  public static OffsetDateTime after(OffsetDateTime from, Object value, String what) {
    return from.plus(parse(value, what));
  }

  /** "14 days", "6 weeks", "1.5 hours", "45 minutes": how forms and messages say it. */
  public static String readable(Object value, String what) {
    TemporalAmount amount = parse(value, what);
    if (amount instanceof Period period) {
      StringBuilder text = new StringBuilder();
      append(text, period.getYears(), "year");
      append(text, period.getMonths(), "month");
      append(text, period.getDays(), "day");
      return text.isEmpty() ? "0 days" : text.toString();
    }
    Duration duration = (Duration) amount;
    long minutes = duration.toMinutes();
    if (minutes % 1440 == 0 && minutes > 0) {
      return plural(minutes / 1440, "day");
    }
    if (minutes % 30 == 0 && minutes >= 60) {
      long halfHours = minutes / 30;
      return halfHours % 2 == 0 ? plural(halfHours / 2, "hour") : (halfHours / 2) + ".5 hours";
    }
    return plural(minutes, "minute");
  }

  private static void append(StringBuilder text, int amount, String unit) {
    if (amount != 0) {
      text.append(text.isEmpty() ? "" : " ").append(plural(amount, unit));
    }
  }

  private static String plural(long amount, String unit) {
    return amount + " " + unit + (amount == 1 ? "" : "s");
  }
}
