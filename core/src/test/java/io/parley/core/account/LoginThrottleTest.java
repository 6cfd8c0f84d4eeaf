package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-12-03T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(5), clock);

    @Test
    void anAccountPastItsBudgetIsRefusedFromAnyAddressUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.refusal("alice", "10.0.0.1")).isEmpty();
            throttle.failed("alice", "10.0.0.1");
        }
        now = now.plusSeconds(60);

        assertThat(throttle.refusal("alice", "10.0.0.2")).contains(
                new LoginThrottle.Refusal(true, Duration.ofMinutes(4)));
        assertThat(throttle.refusal("bob", "10.0.0.1")).isEmpty();
        assertThat(throttle.refusal("alice", "10.0.0.1").orElseThrow().retryAfterSeconds()).isEqualTo(240);
        now = now.plus(Duration.ofMinutes(4));
        assertThat(throttle.refusal("alice", "10.0.0.2")).isEmpty();
    }

    @Test
    void anAddressPastItsBudgetIsRefusedWhateverTheAccount() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }

        assertThat(throttle.refusal("someone", "10.0.0.1")).contains(
                new LoginThrottle.Refusal(false, Duration.ofMinutes(5)));
        assertThat(throttle.refusal(null, "10.0.0.1")).as("new users too").isPresent();
        assertThat(throttle.refusal("someone", "10.0.0.2")).isEmpty();
    }
}
