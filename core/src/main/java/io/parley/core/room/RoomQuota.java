package io.parley.core.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How many rooms clients may bring into being: in all, and per origin (a client's address) per
 * window, so that one address cannot fill the server with rooms (issue 12: 100k rooms in 23 s).
 * Rooms the server itself names (a line listener's room, {@code lobby}) are not counted against
 * anyone. Thread-safe: every method is synchronized and quick.
 */
public final class RoomQuota {

    /** Past this many origins in the table, expired windows are swept out on the next claim. */
    private static final int SWEEP_AT = 10_000;

    private final int maxRooms;
    private final int maxNewPerOrigin;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    private record Window(Instant start, int count) {}

    /**
     * @param maxRooms the most rooms the server holds before clients may create no more (0: no limit)
     * @param maxNewPerOrigin the most rooms one origin may create per window (0: no limit)
     * @param window that window
     */
    public RoomQuota(int maxRooms, int maxNewPerOrigin, Duration window, Clock clock) {
        this.maxRooms = maxRooms;
        this.maxNewPerOrigin = maxNewPerOrigin;
        this.window = window;
        this.clock = clock;
    }

    /** No limit at all. */
    public static RoomQuota unlimited() {
        return new RoomQuota(0, 0, Duration.ofSeconds(1), Clock.systemUTC());
    }

    /**
     * Counts one room that {@code origin} is about to create, the server holding {@code roomsNow}.
     *
     * @throws RoomLimitException if either limit refuses it (nothing is counted then)
     */
    synchronized void claim(String origin, int roomsNow) {
        if (maxRooms > 0 && roomsNow >= maxRooms) {
            throw new RoomLimitException(RoomLimitException.Reason.SERVER_FULL,
                    "the server holds its limit of " + maxRooms + " rooms; join an existing room");
        }
        if (maxNewPerOrigin <= 0) {
            return;
        }
        Instant now = clock.instant();
        if (windows.size() >= SWEEP_AT) {
            windows.values().removeIf(open -> expired(open, now));
        }
        Window open = windows.get(origin);
        if (open == null || expired(open, now)) {
            open = new Window(now, 0);
        }
        if (open.count() >= maxNewPerOrigin) {
            throw new RoomLimitException(RoomLimitException.Reason.TOO_MANY_FROM_ORIGIN,
                    "too many new rooms from your address (" + maxNewPerOrigin + " per " + window.toSeconds()
                            + " s); try again later");
        }
        windows.put(origin, new Window(open.start(), open.count() + 1));
    }

    private boolean expired(Window open, Instant now) {
        return !now.isBefore(open.start().plus(window));
    }
}
