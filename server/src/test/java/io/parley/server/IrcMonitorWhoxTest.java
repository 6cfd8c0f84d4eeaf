package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MONITOR (730-734) and WHOX (354) over real sockets, IRC and account users alike. */
class IrcMonitorWhoxTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void monitorTellsWhoIsOnlineAndWhenIrcUsersComeAndGo() throws Exception {
        IrcClient alice = IrcClient.registered(server, "alice");
        alice.send("MONITOR + bob,dave").expectLine(S + "731 alice :bob,dave");
        IrcClient bob = IrcClient.registered(server, "bob");
        alice.expectLine(S + "730 alice :bob!~bob@127.0.0.1");
        alice.send("MONITOR L").expectLine(S + "732 alice :bob,dave").expectLine(S + "733 alice :End of MONITOR list");
        try (AccountWire dave = server.login("dave", "password123")) {
            alice.send("MONITOR S").expectLine(S + "730 alice :bob!~bob@127.0.0.1,dave!parley@parley.parley");
        }
        bob.send("NICK robert");
        alice.expectLine(S + "731 alice :bob");
        bob.send("NICK bob");
        alice.expectLine(S + "730 alice :bob!~bob@127.0.0.1");
        bob.send("QUIT");
        alice.expectLine(S + "731 alice :bob");
        alice.send("MONITOR - bob").send("MONITOR L").expectLine(S + "732 alice :dave").next("733");
        alice.send("MONITOR C").send("MONITOR L").expectLine(S + "733 alice :End of MONITOR list");
        alice.send("MONITOR").expectLine(S + "461 alice MONITOR :Not enough parameters");

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("n").append(i);
        }
        alice.send("MONITOR + " + many);
        alice.expectLine(S + "734 alice 100 n100 :Monitor list is full.");
        assertThat(IrcCaps.parse(alice.next("731")).param(1)).startsWith("n0,n1,");
    }

    @Test
    void whoxRepliesWithTheFieldsAskedForInTheirOrder() {
        IrcClient alice = IrcClient.registered(server, "alice");
        alice.send("JOIN #x");
        alice.next("366");
        alice.send("WHO #x %nuhcrt,42");
        alice.expectLine(S + "354 alice 42 #x ~alice 127.0.0.1 alice :alice Real");
        alice.expectLine(S + "315 alice #x :End of WHO list");
        alice.send("WHO alice %afn"); // alice founded #x, so she is its operator: H@
        alice.expectLine(S + "354 alice alice H@ 0");
        alice.next("315");
        alice.send("WHO #x");
        assertThat(alice.line()).startsWith(S + "352 alice #x ~alice");
        List<String> rest = alice.until(line -> IrcClient.command(line).equals("315"));
        assertThat(rest).hasSize(1);
    }
}
