package io.parley.protocol.tcd;

/**
 * A message from a TCD client, decoded (spec: {@code shared/specs/tcd.md}). Values are the
 * trimmed text the client sent; numbers stay text until the handler checks them, so that a bad
 * one can be answered with the right error.
 */
sealed interface TcdRequest {

    /** {@code HELO <text>}. */
    record Helo(String text) implements TcdRequest {}

    /** {@code KILL_SERVICE}. */
    record KillService() implements TcdRequest {}

    /** {@code JOIN_CHATROOM}, {@code CLIENT_IP}, {@code PORT}, {@code CLIENT_NAME}. */
    record Join(String room, String clientName) implements TcdRequest {}

    /** {@code LEAVE_CHATROOM}, {@code JOIN_ID}, {@code CLIENT_NAME}. */
    record Leave(String roomRef, String joinId, String clientName) implements TcdRequest {}

    /** {@code CHAT}, {@code JOIN_ID}, {@code CLIENT_NAME}, {@code MESSAGE} up to an empty line. */
    record Chat(String roomRef, String joinId, String clientName, String message) implements TcdRequest {}

    /**
     * A CHAT whose MESSAGE had more lines than the listener allows: read to its end and dropped,
     * to be answered in its place.
     */
    record TooManyLines() implements TcdRequest {}

    /** {@code DISCONNECT}, {@code PORT}, {@code CLIENT_NAME}. */
    record Disconnect(String clientName) implements TcdRequest {}

    /**
     * A known verb's request that ended before its {@code missing} field (see {@link TcdParser}),
     * then {@code next}, the complete request whose line ended it, or null.
     */
    record Incomplete(String verb, String missing, TcdRequest next) implements TcdRequest {}
}
