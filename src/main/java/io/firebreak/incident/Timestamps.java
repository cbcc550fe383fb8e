package io.firebreak.incident;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The time Firebreak records: the engine's clock, so process timers and our timestamps agree (also in tests). */
public final class Timestamps {

  private Timestamps() {
  }

  public static OffsetDateTime now() {
    return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
  }
}
