package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class DetectionTest {

  private static final OffsetDateTime OPENED = OffsetDateTime.parse("2026-12-01T10:00:00Z");

  @Test
  void anAlertsOwnStartIsTheDetectionWhenItIsBelievable() {
    assertThat(Detection.of(OPENED.minusMinutes(25), OPENED)).isEqualTo(OPENED.minusMinutes(25));
    assertThat(Detection.of(OPENED.minusDays(29), OPENED)).as("a long-firing alert").isEqualTo(OPENED.minusDays(29));
    assertThat(Detection.of(OPENED, OPENED)).isEqualTo(OPENED);
  }

  @Test
  void withoutABelievableStartTheIncidentWasDetectedWhenItOpened() {
    assertThat(Detection.of(null, OPENED)).as("no start given").isEqualTo(OPENED);
    assertThat(Detection.of(OPENED.plusMinutes(2), OPENED)).as("the sender's clock ahead").isEqualTo(OPENED);
    assertThat(Detection.of(OffsetDateTime.parse("0001-01-01T00:00:00Z"), OPENED)).as("a placeholder").isEqualTo(OPENED);
    assertThat(Detection.of(OPENED.minusDays(31), OPENED)).isEqualTo(OPENED);
  }
}
