package io.parley.protocol.irc;

/**
 * The 005 tokens of the channel-mode and message features beyond the core modes: ban and invite
 * exceptions ({@code EXCEPTS=e}, {@code INVEX=I}, {@code MAXLIST} for every list), the mute
 * extban ({@code EXTBAN=,m}), messages to a channel's operators or voiced members
 * ({@code STATUSMSG=@+}), bot mode ({@code BOT=B}) and the LIST filters ({@code ELIST=CMNTU}).
 * Thread-safe (stateless).
 */
final class IrcFeatureTokens {

    /** The LIST filters {@link IrcListFilter} takes. */
    static final String ELIST = "CMNTU";

    private IrcFeatureTokens() {}

    /** Adds the tokens to {@code isupport} ({@code MAXLIST} replaces the bans-only one where it stood). */
    static IrcIsupport add(IrcIsupport isupport) {
        int max = IrcMaskLists.MAX_ENTRIES;
        return isupport
                .add("MAXLIST", "b:" + max + ",e:" + max + ",I:" + max)
                .add("EXCEPTS", "e")
                .add("INVEX", "I")
                .add("EXTBAN", IrcExtbans.ISUPPORT)
                .add("STATUSMSG", IrcStatusMessages.PREFIXES)
                .add("BOT", Character.toString(IrcBotMode.MODE))
                .add("ELIST", ELIST);
    }
}
