package io.parley.protocol;

import io.netty.util.AttributeKey;

/**
 * A protocol's error forms for the server's own notices ({@link ServerNotice}): the text its
 * {@link NoticeEncoder} writes for each, line ends included. The server sets a listener's on each
 * of its connections ({@link #KEY}). Immutable.
 *
 * @param tooManyConnections the client's address has too many connections, or opened too many
 * @param registrationTimeout the client did not register in time; also said to a request/response
 *     client that sent nothing for its idle timeout (its "no request in time")
 * @param shuttingDown the server is stopping
 * @param kicked the form of a {@link RoomRemoval}: a format with one {@code %s} for its
 *     {@link RoomRemoval#sentence() sentence}; null where the protocol has none (nothing is written)
 */
public record ConnectionErrors(String tooManyConnections, String registrationTimeout, String shuttingDown, String kicked) {

    /** A protocol whose users cannot be removed from a room ({@link #kicked} says nothing). */
    public ConnectionErrors(String tooManyConnections, String registrationTimeout, String shuttingDown) {
        this(tooManyConnections, registrationTimeout, shuttingDown, null);
    }

    public static final AttributeKey<ConnectionErrors> KEY = AttributeKey.valueOf(ConnectionErrors.class, "errors");

    /** What this protocol tells its client for {@code notice}. */
    public String text(ServerNotice notice) {
        return switch (notice) {
            case TOO_MANY_CONNECTIONS -> tooManyConnections;
            case REGISTRATION_TIMEOUT, IDLE_TIMEOUT -> registrationTimeout;
            case SHUTTING_DOWN -> shuttingDown;
        };
    }

    /** What this protocol tells its client removed from a room, or the empty string. */
    public String text(RoomRemoval removal) {
        return kicked == null ? "" : String.format(kicked, removal.sentence());
    }
}
