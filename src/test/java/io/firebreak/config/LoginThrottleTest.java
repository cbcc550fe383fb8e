package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's counting on its own, with a clock the test moves. */
class LoginThrottleTest {

  static final String ATTACKER = "203.0.113.7";
  static final String ADMIN = "198.51.100.20";

  final MovableClock clock = new MovableClock();
  final LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(1), clock);

  @Test
  void fiveFailuresForOneUserMakeThatAddressWaitUntilTheWindowHasPassed() {
    for (int i = 0; i < 4; i++) {
      throttle.failed(ATTACKER, "admin");
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(throttle.waitBefore(ATTACKER, "admin")).isEmpty();

    throttle.failed(ATTACKER, "admin");

    assertThat(throttle.waitBefore(ATTACKER, "admin")).contains(Duration.ofSeconds(56));
    assertThat(throttle.waitBefore(ATTACKER, "Admin")).as("user names in any case").contains(Duration.ofSeconds(56));
    assertThat(throttle.waitBefore(ATTACKER, "frida")).as("other users from there").isEmpty();
    assertThat(throttle.waitBefore(ADMIN, "admin")).as("the admin from her own address").isEmpty();
    clock.advance(Duration.ofSeconds(56));
    assertThat(throttle.waitBefore(ATTACKER, "admin")).as("after the window").isEmpty();
    throttle.failed(ATTACKER, "admin");
    assertThat(throttle.waitBefore(ATTACKER, "admin")).as("a new window starts with one failure").isEmpty();
  }

  @Test
  void twentyFailuresFromOneAddressStopEveryUserFromThere() {
    for (int i = 0; i < 20; i++) {
      throttle.failed(ATTACKER, "user" + i);
    }

    assertThat(throttle.waitBefore(ATTACKER, "someone-else")).contains(Duration.ofMinutes(1));
    assertThat(throttle.waitBefore(ADMIN, "someone-else")).isEmpty();
  }

  @Test
  void aSuccessForgetsThatUsersFailuresButNotTheAddresses() {
    for (int i = 0; i < 4; i++) {
      throttle.failed(ADMIN, "admin");
    }
    throttle.succeeded(ADMIN, "admin");
    for (int i = 0; i < 4; i++) {
      throttle.failed(ADMIN, "admin");
    }
    assertThat(throttle.waitBefore(ADMIN, "admin")).isEmpty();

    for (int i = 0; i < 12; i++) {
      throttle.failed(ADMIN, "guess" + i);
    }
    assertThat(throttle.waitBefore(ADMIN, "admin")).as("20 failures from the address in all").isPresent();
  }

  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-03-01T02:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
