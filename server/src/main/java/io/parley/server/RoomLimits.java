package io.parley.server;

import io.parley.core.room.RoomQuota;
import java.time.Clock;
import java.time.Duration;

/**
 * How many rooms clients may create (documented in {@code parley.conf} and
 * {@code docs/limits.md}). Every value 0 means no limit.
 *
 * @param maxRooms rooms the server holds before clients may create no more
 * @param maxNewPerAddress rooms one client address may create per window (TCD joins to new
 *     names, directory {@code makeroom})
 * @param newWindowSeconds that window
 */
public record RoomLimits(int maxRooms, int maxNewPerAddress, int newWindowSeconds) {

    RoomQuota quota() {
        return new RoomQuota(maxRooms, maxNewPerAddress, Duration.ofSeconds(newWindowSeconds), Clock.systemUTC());
    }
}
