package io.parley.core.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RoomQuotaTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();

    private static RoomRegistry registry(RoomQuota quota) {
        return new RoomRegistry(new InMemoryRoomStore(), quota);
    }

    private static Room open(RoomRegistry rooms, String name, String origin) {
        return rooms.open(name, origin).toCompletableFuture().join();
    }

    @Test
    void anOriginGetsItsShareAgainOnceItsWindowHasPassed() {
        RoomRegistry rooms = registry(new RoomQuota(0, 2, Duration.ofMinutes(1), clock));
        open(rooms, "a", "x");
        open(rooms, "b", "x");

        assertThatThrownBy(() -> open(rooms, "c", "x")).hasRootCauseInstanceOf(RoomLimitException.class);
        assertThat(open(rooms, "a", "x").name()).as("an existing room costs nothing").isEqualTo("a");
        assertThat(rooms.byName("c")).isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(open(rooms, "c", "x").name()).isEqualTo("c");
    }

    @Test
    void roomsTheServerNamesAreNeverRefused() {
        RoomRegistry rooms = registry(new RoomQuota(1, 1, Duration.ofMinutes(1), clock));
        open(rooms, "a", "x");

        assertThatThrownBy(() -> open(rooms, "b", "y")).hasRootCauseInstanceOf(RoomLimitException.class)
                .rootCause().hasMessageContaining("limit of 1 rooms");
        assertThat(rooms.open("lobby").toCompletableFuture().join().name()).isEqualTo("lobby");
    }
}
