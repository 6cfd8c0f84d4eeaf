package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcSyntaxException;
import io.parley.testing.WireClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A small IRC client for transcript tests over {@link WireClient}: sends lines with CR LF, reads
 * lines without it, and waits for a line by its command while keeping what it skipped.
 */
final class IrcClient implements AutoCloseable {

    private final WireClient wire;

    IrcClient(WireClient wire) {
        this.wire = wire;
    }

    /** Connects and registers as {@code nick}, reading up to the end of the MOTD (376 or 422). */
    static IrcClient registered(ParleyExtension server, String nick) {
        return registered(server.connect("irc"), nick);
    }

    /** Registers as {@code nick} over {@code wire}, a new IRC connection, reading up to the end of the MOTD. */
    static IrcClient registered(WireClient wire, String nick) {
        IrcClient client = new IrcClient(wire);
        client.send("NICK " + nick).send("USER " + nick + " 0 * :" + nick + " Real");
        client.until(line -> command(line).equals("376") || command(line).equals("422"));
        return client;
    }

    /** Connects, registers as {@code nick} and joins {@code channel}, reading up to the end of its NAMES (366). */
    static IrcClient joined(ParleyExtension server, String nick, String channel) {
        IrcClient client = registered(server, nick);
        client.send("JOIN " + channel);
        client.next("366");
        return client;
    }

    /**
     * The barrier for "nothing else arrived": sends a PING and asserts that the very next line is
     * its PONG from {@code serverName} (a connection's replies come in the order of its commands).
     */
    IrcClient expectNothingMore(String serverName) {
        return send("PING barrier").expectLine(":" + serverName + " PONG " + serverName + " barrier");
    }

    IrcClient send(String line) {
        wire.send(line + "\r\n");
        return this;
    }

    /** The next line, without its CR LF; asserts it ended in CR LF. */
    String line() {
        String line = wire.readLine();
        assertThat(line).as("a line ends in CR LF").endsWith("\r");
        return line.substring(0, line.length() - 1);
    }

    /**
     * Reads the next line and asserts it is the message {@code expected}, written either way the
     * syntax allows (a one-word last parameter with or without its {@code :}).
     */
    IrcClient expectLine(String expected) {
        String line = line();
        try {
            assertThat(IrcMessage.parse(line)).as(line).isEqualTo(IrcMessage.parse(expected));
        } catch (IrcSyntaxException e) {
            throw new AssertionError("not an IRC line: " + line, e);
        }
        return this;
    }

    /** Lines up to and including the first that matches; returns them all. */
    List<String> until(Predicate<String> last) {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            lines.add(line);
            if (last.test(line)) {
                return lines;
            }
        }
    }

    /** Reads lines up to the first with {@code command} and returns that one. */
    String next(String command) {
        List<String> lines = until(line -> command(line).equals(command));
        return lines.get(lines.size() - 1);
    }

    /** The command (verb or numeric) of a line, after its tags and source. */
    static String command(String line) {
        String[] words = line.split(" ");
        int at = 0;
        if (words[at].startsWith("@")) {
            at++;
        }
        if (words[at].startsWith(":")) {
            at++;
        }
        return words[at];
    }

    void expectEof() {
        wire.expectEof();
    }

    String readToEof() {
        return wire.readToEof();
    }

    WireClient wire() {
        return wire;
    }

    @Override
    public void close() {
        wire.close();
    }
}
