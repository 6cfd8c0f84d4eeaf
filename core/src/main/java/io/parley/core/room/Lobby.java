package io.parley.core.room;

/**
 * The room every logged-in account user is a member of, and the one a line listener serves when
 * none is configured: one name that every protocol, the history and the stores share.
 */
public final class Lobby {

    /** The lobby's name. */
    public static final String NAME = "lobby";

    private Lobby() {}
}
