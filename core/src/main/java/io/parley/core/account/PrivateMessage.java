package io.parley.core.account;

import java.time.Instant;

/**
 * A private message as the server relays and keeps it; the server never sees the clear text of
 * an encrypted one.
 *
 * <p>Each party is a name and a guest token: the token is empty for a user logged in to the
 * account that owns the name (every account-protocol user, an IRC user logged in with SASL under
 * its account's nick), and for a guest (an IRC nick no account owns) a token of its connection
 * alone, so that nobody who later takes or registers the name reads what the guest said or was
 * told (docs/irc.md, "Private-message history").
 *
 * @param id the store's id (increasing over all private messages), or 0 before it is stored
 * @param time when the server accepted it (millisecond precision, what the store keeps)
 * @param from the sender's name
 * @param fromGuest the sender's guest token, empty for an account
 * @param to the recipient's name
 * @param toGuest the recipient's guest token, empty for an account
 * @param encrypted whether {@code body} is ciphertext
 * @param body the text, or the ciphertext
 */
public record PrivateMessage(long id, Instant time, String from, String fromGuest, String to, String toGuest,
        boolean encrypted, String body) {

    /** A message between two accounts, not stored yet. */
    public PrivateMessage(Instant time, String from, String to, boolean encrypted, String body) {
        this(0, time, from, "", to, "", encrypted, body);
    }

    public PrivateMessage {
        fromGuest = fromGuest == null ? "" : fromGuest;
        toGuest = toGuest == null ? "" : toGuest;
    }

    /** This message as stored under {@code storedId}. */
    public PrivateMessage withId(long storedId) {
        return new PrivateMessage(storedId, time, from, fromGuest, to, toGuest, encrypted, body);
    }
}
