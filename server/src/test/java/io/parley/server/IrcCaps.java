package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcSyntaxException;
import io.parley.testing.WireClient;
import java.util.List;

/** IRC test clients that negotiate IRCv3 capabilities, and reading tagged lines. */
final class IrcCaps {

    private IrcCaps() {}

    /** Connects, asks for {@code caps} (all must be acknowledged) and registers as {@code nick}. */
    static IrcClient registered(ParleyExtension server, String nick, String caps) {
        return registered(server.connect("irc"), nick, caps);
    }

    /** Asks for {@code caps} (all must be acknowledged) and registers as {@code nick} over {@code wire}, a new IRC connection. */
    static IrcClient registered(WireClient wire, String nick, String caps) {
        IrcClient client = new IrcClient(wire);
        client.send("CAP LS 302").send("CAP REQ :" + caps);
        String ack = client.next("CAP");
        while (!ack.contains(" ACK ") && !ack.contains(" NAK ")) {
            ack = client.next("CAP");
        }
        assertThat(ack).contains(" ACK ");
        client.send("NICK " + nick).send("USER " + nick + " 0 * :" + nick + " Real").send("CAP END");
        client.until(line -> IrcClient.command(line).equals("376") || IrcClient.command(line).equals("422"));
        return client;
    }

    static IrcMessage parse(String line) {
        try {
            return IrcMessage.parse(line);
        } catch (IrcSyntaxException e) {
            throw new AssertionError("not an IRC line: " + line, e);
        }
    }

    /** The next line, parsed. */
    static IrcMessage next(IrcClient client) {
        return parse(client.line());
    }

    /** Reads a whole batch ({@code BATCH +ref ...} to {@code BATCH -ref}); the first element is the start. */
    static List<IrcMessage> batch(IrcClient client) {
        IrcMessage start = next(client);
        assertThat(start.command()).as(start.toLine()).isEqualTo("BATCH");
        assertThat(start.param(0)).startsWith("+");
        String reference = start.param(0).substring(1);
        List<IrcMessage> lines = new java.util.ArrayList<>();
        lines.add(start);
        while (true) {
            IrcMessage line = next(client);
            if (line.command().equals("BATCH") && line.param(0).equals("-" + reference)) {
                return lines;
            }
            assertThat(line.tags()).as(line.toLine()).containsEntry("batch", reference);
            lines.add(line);
        }
    }
}
