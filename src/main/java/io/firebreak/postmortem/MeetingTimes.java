package io.firebreak.postmortem;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** Meeting times as forms send them and people read them: always UTC on Firebreak's side. */
final class MeetingTimes {

  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", java.util.Locale.ENGLISH);

  private MeetingTimes() {
  }

  /**
   * A date and time from a form: with an offset ({@code 2026-11-30T10:00+01:00}, {@code …Z}, as Tasklist's date-time
   * field sends it) or without one, then read as UTC.
   */
  static OffsetDateTime parse(String text) {
    try {
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not a date and time such as 2026-11-30T10:00Z");
      }
    }
  }

  static OffsetDateTime of(Date date) {
    return date.toInstant().atOffset(ZoneOffset.UTC);
  }

  static Date date(OffsetDateTime time) {
    return Date.from(time.toInstant());
  }

  static String readable(OffsetDateTime time) {
    return READABLE.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** "1.5 hours: 10:00–11:30 UTC on Mon 30 Nov 2026": the meeting's timebox ({@code PT1H30M} in the model). */
  static String timebox(OffsetDateTime start, Object timebox) {
    OffsetDateTime utc = start.withOffsetSameInstant(ZoneOffset.UTC);
    String name = PostmortemProcess.Variables.MEETING_TIMEBOX;
    return io.firebreak.incident.RuleDurations.readable(timebox, name) + ": " + CLOCK.format(utc) + "–"
        + CLOCK.format(utc.plus(io.firebreak.incident.RuleDurations.duration(timebox, name)))
        + " UTC on " + DAY.format(utc);
  }
}
