package io.parley.core.account;

import io.parley.core.text.NameKeys;

/**
 * One side of a private conversation as history knows it: a name and its guest token (empty for
 * a user logged in to the account that owns the name; see {@link PrivateMessage}). Immutable.
 */
public record Party(String name, String guest) {

    public Party {
        guest = guest == null ? "" : guest;
    }

    /** Whether {@code message} was sent by this party. */
    public boolean sent(PrivateMessage message) {
        return NameKeys.key(message.from()).equals(NameKeys.key(name)) && message.fromGuest().equals(guest);
    }

    /** Whether {@code message} was sent to this party. */
    public boolean received(PrivateMessage message) {
        return NameKeys.key(message.to()).equals(NameKeys.key(name)) && message.toGuest().equals(guest);
    }
}
