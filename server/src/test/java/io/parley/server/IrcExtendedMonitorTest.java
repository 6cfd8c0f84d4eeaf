package io.parley.server;

import io.parley.protocol.irc.IrcModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code extended-monitor} over real sockets: a watcher with it hears a monitored nick's AWAY and
 * SETNAME as if they shared a channel (once, when they do), each only with its own capability.
 */
class IrcExtendedMonitorTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void watchersWithExtendedMonitorHearAwayAndSetnameOfMonitoredNicks() {
        IrcClient foo = IrcCaps.registered(server, "foo", "extended-monitor away-notify setname");
        IrcClient plain = IrcCaps.registered(server, "plain", "away-notify setname");
        IrcClient noAway = IrcCaps.registered(server, "noaway", "extended-monitor");
        foo.send("MONITOR + bar").expectLine(S + "731 foo bar");
        plain.send("MONITOR + bar").expectLine(S + "731 plain bar");
        noAway.send("MONITOR + bar").expectLine(S + "731 noaway bar");
        IrcClient bar = IrcCaps.registered(server, "bar", "setname");
        foo.expectLine(S + "730 foo bar!~bar@127.0.0.1");
        plain.expectLine(S + "730 plain bar!~bar@127.0.0.1");
        noAway.expectLine(S + "730 noaway bar!~bar@127.0.0.1");

        bar.send("AWAY :afk").next("306");
        foo.expectLine(":bar!~bar@127.0.0.1 AWAY :afk");
        bar.send("AWAY").next("305");
        foo.expectLine(":bar!~bar@127.0.0.1 AWAY");
        bar.send("SETNAME :new name").next("SETNAME");
        foo.expectLine(":bar!~bar@127.0.0.1 SETNAME :new name");

        foo.send("JOIN #shared").next("366"); // sharing a channel as well: still told once
        bar.send("JOIN #shared").next("366");
        foo.next("JOIN");
        bar.send("AWAY :again").next("306");
        foo.expectLine(":bar!~bar@127.0.0.1 AWAY :again");
        foo.send("PING once").expectLine(S + "PONG My.Little.Server once");

        // Without extended-monitor, or without the news's own capability, nothing came.
        plain.send("PING none").expectLine(S + "PONG My.Little.Server none");
        noAway.send("PING none").expectLine(S + "PONG My.Little.Server none");
    }
}
