package io.parley.core.room;

/**
 * A room was not created because a {@link RoomQuota} limit refused it. Its message is fit to show
 * the client (in its protocol's error form). Immutable.
 */
public final class RoomLimitException extends RuntimeException {

    /** Which limit refused it. */
    public enum Reason {
        /** The origin created its share of rooms for the current window. */
        TOO_MANY_FROM_ORIGIN,
        /** The server holds as many rooms as it may. */
        SERVER_FULL
    }

    private final Reason reason;

    public RoomLimitException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The RoomLimitException behind {@code failure} (a stage's failure may wrap it), or null. */
    public static RoomLimitException in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RoomLimitException limit) {
                return limit;
            }
        }
        return null;
    }
}
