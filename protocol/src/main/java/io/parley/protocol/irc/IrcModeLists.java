package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

/**
 * The replies of each list mode: a {@code MODE #chan b|e|I} query is answered with one item
 * numeric per entry ({@code <channel> <mask> <setter> <unix time>}) and an end numeric: bans
 * {@code 367}/{@code 368}, ban exceptions {@code 348}/{@code 349}, invite exceptions
 * {@code 346}/{@code 347} (Modern IRC); a full list is {@code 478}. Thread-safe (stateless).
 */
final class IrcModeLists {

    /** One list mode's numerics and texts. */
    record Kind(String item, String end, String endText, String fullText) {}

    private static final Kind BANS = new Kind(RPL_BANLIST, RPL_ENDOFBANLIST, "End of channel ban list",
            "Channel ban list is full");
    private static final Kind EXCEPTIONS = new Kind(RPL_EXCEPTLIST, RPL_ENDOFEXCEPTLIST, "End of channel exception list",
            "Channel exception list is full");
    private static final Kind INVITE_EXCEPTIONS = new Kind(RPL_INVITELIST, RPL_ENDOFINVITELIST,
            "End of channel invite exception list", "Channel invite exception list is full");

    private IrcModeLists() {}

    /** The kind of list mode {@code mode} ({@code b}, {@code e} or {@code I}). */
    static Kind kind(char mode) {
        return switch (mode) {
            case 'b' -> BANS;
            case 'e' -> EXCEPTIONS;
            case 'I' -> INVITE_EXCEPTIONS;
            default -> throw new IllegalArgumentException("not a list mode: " + mode);
        };
    }
}
