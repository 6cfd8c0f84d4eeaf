package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The login budgets' memory: kept bounded without scanning every budget on every failure. */
class LoginThrottleSweepTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);

    private Instant now = Instant.parse("2026-12-03T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
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
    };
    private final LoginThrottle throttle = new LoginThrottle(3, 5, WINDOW, clock);

    @Test
    void manyLiveBudgetsAreNotScannedOnEveryFailure() {
        for (int i = 0; i < 5000; i++) {
            throttle.failed("user" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        for (int i = 0; i < 1000; i++) {
            now = now.plusMillis(10);
            throttle.failed("user" + i, "10.9.9.9");
        }

        assertThat(throttle.sweeps()).as("sweeps within the first minute").isEqualTo(1);
        assertThat(throttle.refusal("user1", "10.0.0.1")).as("budgets still count").isEmpty();
        throttle.failed("user1", "10.0.0.1");
        assertThat(throttle.refusal("user1", "10.0.0.2")).isPresent();
    }

    @Test
    void expiredBudgetsAreGoneAfterTheNextSweep() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, "10.0.0." + i);
        }
        now = now.plus(WINDOW).plus(SweepSchedule.EVERY_MINUTE);

        throttle.failed("someone", "10.1.1.1");

        assertThat(throttle.tracked()).as("one account and one address").isEqualTo(2);
    }
}
