package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The per-account budget of stored private messages: what it costs to keep, and giving back. */
class PrivateMessageQuotaTest {

    private static final Duration DAY = Duration.ofDays(1);

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
    private final PrivateMessageQuota quota = new PrivateMessageQuota(1000, DAY, clock);

    @Test
    void manyLiveAccountsAreNotScannedOnEveryMessage() {
        for (int i = 0; i < 5000; i++) {
            assertThat(quota.take("user" + i, 10)).isEmpty();
        }
        for (int i = 0; i < 1000; i++) {
            now = now.plusMillis(10);
            assertThat(quota.take("user" + i, 10)).isEmpty();
        }

        assertThat(quota.sweeps()).as("sweeps within the first minute").isEqualTo(1);
        assertThat(quota.tracked()).isEqualTo(5000);
    }

    @Test
    void expiredWindowsAreGoneAfterTheNextSweep() {
        for (int i = 0; i < 10; i++) {
            quota.take("user" + i, 10);
        }
        now = now.plus(DAY).plus(SweepSchedule.EVERY_MINUTE);

        quota.take("someone", 10);

        assertThat(quota.tracked()).isEqualTo(1);
    }

    @Test
    void bytesGivenBackCanBeTakenAgain() {
        assertThat(quota.take("alice", 600)).isEmpty();
        assertThat(quota.take("alice", 600)).as("over the budget").contains(
                new PrivateMessageQuota.Exceeded(1000, DAY, DAY));

        quota.giveBack("alice", 600);

        assertThat(quota.take("alice", 1000)).isEmpty();
    }
}
