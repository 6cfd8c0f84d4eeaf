package io.parley.protocol.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code RPL_ISUPPORT} (005) tokens a server advertises, and the lines that carry them:
 * {@code :<server> 005 <nick> <token>... :are supported by this server}, at most 13 tokens a
 * line (15 parameters with the nick and the trailing text) and within
 * {@link IrcLimits#MAX_BODY_BYTES}. A value is escaped as the Modern IRC documentation asks
 * ({@code \x20} for a space, {@code \x5C} for a backslash, {@code \x3D} for {@code =}), and
 * so is every byte of a non-ASCII character, so tokens are ASCII (irctest checks it): a network
 * called {@code Parléy} is {@code NETWORK=Parl\xC3\xA9y}.
 *
 * <p>Not thread-safe while being built; its lines may be read from any thread once it is no longer changed.
 */
public final class IrcIsupport {

    /** The most tokens a line carries. */
    public static final int MAX_TOKENS_PER_LINE = 13;
    private static final String TRAILING = "are supported by this server";
    private static final Pattern TOKEN_NAME = Pattern.compile("-?[A-Z0-9/.a-z]+");

    /** The longest user name ({@code USERLEN}); longer ones given in USER are cut. */
    public static final int USERLEN = 18;
    /** The longest host part of a source Parley writes (a host name is at most 63 bytes a label; Parley shows addresses or a cloak). */
    public static final int HOSTLEN = 63;
    /**
     * {@code TOPICLEN}, {@code AWAYLEN} and {@code KICKLEN}, in bytes: what still fits one line
     * when the topic is relayed from the longest source a client may have
     * ({@code :<NICKLEN>!<USERLEN>@<HOSTLEN> TOPIC <CHANNELLEN> :<topic>} CR LF is 512 bytes).
     */
    public static final int TEXT_LENGTH = IrcLimits.MAX_BODY_BYTES - 2 - ":!@ TOPIC  :".length()
            - IrcNicks.NICKLEN - USERLEN - HOSTLEN - IrcChannels.CHANNELLEN;

    private final Map<String, String> tokens = new LinkedHashMap<>();

    /** Adds a token without a value ({@code WHOX}), or replaces one. */
    public IrcIsupport add(String name) {
        return add(name, "");
    }

    /** Adds {@code NAME=value} (no {@code =} when the value is empty), or replaces it. */
    public IrcIsupport add(String name, String value) {
        if (!TOKEN_NAME.matcher(name).matches() || name.startsWith("-")) {
            throw new IllegalArgumentException("not a token name: " + name);
        }
        tokens.put(name, value);
        return this;
    }

    /** Advertises that a token no longer applies ({@code -NAME}), for a 005 sent after registration. */
    public IrcIsupport remove(String name) {
        tokens.remove(name);
        tokens.put("-" + name, "");
        return this;
    }

    /** The value of a token, or null: for tests and for the adapter's own use of what it advertised. */
    public String value(String name) {
        return tokens.get(name);
    }

    /** {@code NAME} or {@code NAME=escaped value}. */
    static String token(String name, String value) {
        if (value.isEmpty()) {
            return name;
        }
        StringBuilder token = new StringBuilder(name).append('=');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '\\' && c != '=') {
                token.append((char) c);
            } else {
                token.append(String.format("\\x%02X", c));
            }
        }
        return token.toString();
    }

    /** The 005 lines for {@code nick} from {@code server}, in the order tokens were added. */
    public List<IrcMessage> lines(String server, String nick) {
        List<IrcMessage> lines = new ArrayList<>();
        List<String> params = new ArrayList<>();
        params.add(nick);
        for (Map.Entry<String, String> entry : tokens.entrySet()) {
            String token = token(entry.getKey(), entry.getValue());
            params.add(token);
            boolean full = params.size() - 1 > MAX_TOKENS_PER_LINE || !fits(server, params);
            if (full) {
                params.remove(params.size() - 1);
                if (params.size() == 1) {
                    throw new IllegalArgumentException("token too long for one line: " + entry.getKey());
                }
                lines.add(line(server, params));
                params = new ArrayList<>();
                params.add(nick);
                params.add(token);
                if (!fits(server, params)) {
                    throw new IllegalArgumentException("token too long for one line: " + entry.getKey());
                }
            }
        }
        if (params.size() > 1) {
            lines.add(line(server, params));
        }
        return lines;
    }

    private static boolean fits(String server, List<String> params) {
        return line(server, params).bodyBytes() <= IrcLimits.MAX_BODY_BYTES;
    }

    private static IrcMessage line(String server, List<String> params) {
        List<String> all = new ArrayList<>(params);
        all.add(TRAILING);
        return new IrcMessage(Map.of(), server, IrcNumerics.RPL_ISUPPORT, all);
    }

    /**
     * The tokens Parley's IRC adapter advertises (the draft in docs/irc.md): {@code network} is the
     * configured network name, {@code historyLimit} the most messages one CHATHISTORY reply holds.
     */
    public static IrcIsupport parley(String network, int historyLimit) {
        IrcModeChanges.ChannelModes modes = IrcModeChanges.ChannelModes.parley();
        return IrcFeatureTokens.add(new IrcIsupport()
                .add("AWAYLEN", Integer.toString(TEXT_LENGTH))
                .add("CASEMAPPING", IrcCasemapping.NAME)
                .add("CHANLIMIT", IrcChannels.CHANTYPES + ":")
                .add("CHANMODES", String.join(",", modes.list(), modes.alwaysArgument(), modes.argumentToSet(), modes.noArgument()))
                .add("CHANNELLEN", Integer.toString(IrcChannels.CHANNELLEN))
                .add("CHANTYPES", IrcChannels.CHANTYPES)
                .add("CHATHISTORY", Integer.toString(historyLimit))
                .add("KICKLEN", Integer.toString(TEXT_LENGTH))
                .add("MAXLIST", "b:100")
                .add("MODES", Integer.toString(modes.maxArguments()))
                .add("MONITOR", "100")
                .add("MSGREFTYPES", "msgid,timestamp")
                .add("NETWORK", network)
                .add("NICKLEN", Integer.toString(IrcNicks.NICKLEN))
                .add("PREFIX", "(" + modes.prefix() + ")@+")
                .add("TARGMAX", "ISON:,JOIN:,KICK:4,MONITOR:,NAMES:1,NOTICE:4,PART:,PRIVMSG:4,USERHOST:5,WHOIS:1")
                .add("TOPICLEN", Integer.toString(TEXT_LENGTH))
                .add("USERLEN", Integer.toString(USERLEN))
                .add("WHOX"));
    }
}
