package io.parley.protocol.irc;

import io.parley.protocol.ConnectionErrors;
import java.util.List;

/**
 * How the IRC listener behaves (docs/irc.md, "Configuration").
 *
 * @param serverName the source of the server's replies ({@code irc.server-name})
 * @param description what LINKS and INFO say of the server ({@code irc.description})
 * @param network the {@code NETWORK} token and the welcome's text ({@code irc.network})
 * @param password the connection password {@code PASS} must give, or empty for none ({@code irc.password})
 * @param motd the MOTD's lines, empty for none ({@code 422}) ({@code irc.motd}, a file)
 * @param pingSeconds silence after which the server sends {@code PING}; as long again without an
 *     answer closes the connection ({@code irc.ping-seconds})
 * @param operName the IRC operator's name for {@code OPER}, or empty for no operator ({@code irc.oper-name})
 * @param operPassword its password ({@code irc.oper-password})
 */
public record IrcSettings(String serverName, String network, String description, String password, List<String> motd,
        int pingSeconds, String operName, String operPassword) {

    public static final String DEFAULT_SERVER_NAME = "parley.local";
    public static final String DEFAULT_NETWORK = "Parley";
    public static final String DEFAULT_DESCRIPTION = "Parley chat server";
    public static final int DEFAULT_PING_SECONDS = 120;
    /** The most messages one CHATHISTORY reply would hold (advertised in 005). */
    public static final int HISTORY_LIMIT = 100;

    public static final ConnectionErrors CONNECTION_ERRORS = new ConnectionErrors(
            "ERROR :Too many connections from your address\r\n", "ERROR :Registration timed out\r\n",
            "ERROR :Server shutting down\r\n");

    public IrcSettings {
        motd = List.copyOf(motd);
    }
}
