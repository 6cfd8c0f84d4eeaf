package io.parley.protocol.directory;

import io.parley.core.directory.DirectoryChange;
import io.parley.core.directory.DirectoryEntry;
import io.parley.core.room.RoomLimitException;
import java.util.List;

/**
 * A reply of the directory server, with its exact wire form (spec:
 * {@code shared/specs/directory.md}): one line that starts with {@code OK} or {@code ERR}, ending
 * with {@code \n}. (A listing is written by {@link ListingStream}.) Immutable.
 */
sealed interface DirectoryReply {

    /** The bytes on the wire, as text. */
    String wire();

    /** {@code OK <text>}. */
    record Ok(String text) implements DirectoryReply {
        @Override
        public String wire() {
            return "OK " + text + "\n";
        }
    }

    /** {@code ERR <code> <text>}; the codes are the spec's, HTTP's meanings. */
    record Error(int code, String text) implements DirectoryReply {
        static final int BAD_REQUEST = 400;
        static final int NOT_FOUND = 404;
        static final int CONFLICT = 409;
        static final int TOO_LONG = 413;
        /** Ours, beyond the spec: commands kept piling up past the rate limit, or a room limit of the address. */
        static final int TOO_MANY = 429;
        /** Ours, beyond the spec: the server holds as many rooms as it may. */
        static final int SERVER_FULL = 507;
        /** Ours, beyond the spec: the store could not take the change; the client may retry. */
        static final int SERVER_ERROR = 500;

        @Override
        public String wire() {
            return "ERR " + code + " " + text + "\n";
        }
    }

    /** The reply to a {@code makeroom} that a room limit refused. */
    static DirectoryReply limited(RoomLimitException limit) {
        int code = limit.reason() == RoomLimitException.Reason.SERVER_FULL ? Error.SERVER_FULL : Error.TOO_MANY;
        return new Error(code, limit.getMessage());
    }

    /** The reply to a {@code makeroom} or {@code deleteroom}, from what it came to. */
    static DirectoryReply of(DirectoryChange change) {
        if (change instanceof DirectoryChange.Created created) {
            return new Ok("room " + created.entry().name() + " created");
        }
        if (change instanceof DirectoryChange.Deleted deleted) {
            return new Ok("room " + deleted.entry().name() + " deleted");
        }
        if (change instanceof DirectoryChange.NameTaken taken) {
            return new Error(Error.CONFLICT, "room " + taken.existing().name() + " already exists");
        }
        if (change instanceof DirectoryChange.GroupTaken taken) {
            DirectoryEntry other = taken.existing();
            return new Error(Error.CONFLICT,
                    other.address() + ":" + other.port() + " is already used by room " + other.name());
        }
        if (change instanceof DirectoryChange.TooMany tooMany) {
            return new Error(Error.TOO_MANY, "your address holds its limit of " + tooMany.limit()
                    + " rooms; delete one first");
        }
        DirectoryChange.NotFound notFound = (DirectoryChange.NotFound) change;
        return new Error(Error.NOT_FOUND, "no room named " + notFound.name());
    }
}
