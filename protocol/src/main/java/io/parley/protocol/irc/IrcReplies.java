package io.parley.protocol.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the server's replies: numerics ({@code :<server> <numeric> <nick> <params>...}) and
 * IRCv3 standard replies ({@code FAIL|WARN|NOTE <command> <code> [<context>...] :<description>}).
 * Thread-safe (immutable).
 */
public final class IrcReplies {

    private final String server;

    /** @param server the server name every reply comes from (configurable; irctest expects {@code My.Little.Server}) */
    public IrcReplies(String server) {
        this.server = server;
    }

    public String server() {
        return server;
    }

    /** {@code :<server> <numeric> <nick> <params>...}; the last parameter is the text. */
    public IrcMessage numeric(String numeric, String nick, String... params) {
        List<String> all = new ArrayList<>(params.length + 1);
        all.add(nick);
        all.addAll(List.of(params));
        return new IrcMessage(Map.of(), server, numeric, all);
    }

    /**
     * {@code :<server> FAIL|WARN|NOTE <command> <code> [<context>...] :<description>}.
     *
     * @param type {@link IrcNumerics#FAIL}, {@link IrcNumerics#WARN} or {@link IrcNumerics#NOTE}
     * @param command the command it answers, or {@code *}
     * @param code an upper-case code such as {@code INVALID_PARAMS}
     */
    public IrcMessage standardReply(String type, String command, String code, String description, String... context) {
        if (!type.equals(IrcNumerics.FAIL) && !type.equals(IrcNumerics.WARN) && !type.equals(IrcNumerics.NOTE)) {
            throw new IllegalArgumentException("not a standard reply type: " + type);
        }
        List<String> all = new ArrayList<>(context.length + 3);
        all.add(command);
        all.add(code);
        all.addAll(List.of(context));
        all.add(description);
        return new IrcMessage(Map.of(), server, type, all);
    }

    /** {@code ERROR :<reason>}, the last line before the server closes a connection. */
    public static IrcMessage error(String reason) {
        return IrcMessage.of("ERROR", reason);
    }
}
