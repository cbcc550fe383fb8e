package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Durations as process owners write them into the models, and as forms and messages say them. */
class RuleDurationsTest {

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource({"P14D, 14 days", "P10D, 10 days", "P1D, 1 day", "P4W, 28 days", "P6W, 42 days", "P1M, 1 month",
      "PT1H30M, 1.5 hours", "PT1H, 1 hour", "PT2H, 2 hours", "PT45M, 45 minutes", "PT48H, 2 days"})
  void readable(String iso, String text) {
    assertThat(RuleDurations.readable(iso, "rule")).isEqualTo(text);
  }

  @Test
  void datesAndTimesAddUp() {
    OffsetDateTime resolved = OffsetDateTime.of(2026, 11, 30, 10, 0, 0, 0, ZoneOffset.UTC);
    assertThat(RuleDurations.after(resolved, "P14D", "meetingWithin")).isEqualTo(resolved.plusDays(14));
    assertThat(RuleDurations.after(resolved, "PT1H", "window")).isEqualTo(resolved.plusHours(1));
    assertThat(RuleDurations.duration("PT1H30M", "meetingTimebox")).isEqualTo(Duration.ofMinutes(90));
    assertThat(RuleDurations.duration("P1D", "meetingTimebox")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void whatIsNotADurationNamesTheRule() {
    assertThatThrownBy(() -> RuleDurations.parse("14 days", "meetingWithin")).isInstanceOf(IllegalStateException.class)
        .hasMessage("The model's meetingWithin '14 days' is not an ISO-8601 duration such as P14D or PT1H30M");
    assertThatThrownBy(() -> RuleDurations.parse(null, "meetingTimebox"))
        .hasMessage("The model sets no meetingTimebox (an ISO-8601 duration such as P14D or PT1H30M)");
    assertThatThrownBy(() -> RuleDurations.duration("P1M", "meetingTimebox"))
        .hasMessage("The model's meetingTimebox 'P1M' must be in days, hours or minutes");
  }
}
