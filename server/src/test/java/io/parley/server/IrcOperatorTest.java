package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IRC operator of irc.oper-name / irc.oper-password: OPER, KILL, WALLOPS; and PART reasons. */
class IrcOperatorTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(Map.of(IrcModule.SERVER_NAME, "My.Little.Server",
            IrcModule.OPER_NAME, "operuser", IrcModule.OPER_PASSWORD, "operpassword"));

    @Test
    void anOperatorKillsAndSendsWallopsAndOthersMayNot() {
        IrcClient op = IrcClient.registered(server, "op");
        IrcClient alice = IrcClient.registered(server, "alice");
        op.send("OPER operuser wrong").expectLine(S + "464 op :Password incorrect");
        alice.send("KILL op :no").expectLine(S + "481 alice :Permission Denied- You're not an IRC operator");
        op.send("OPER operuser operpassword").expectLine(S + "381 op :You are now an IRC operator");
        op.expectLine(":op!~op@127.0.0.1 MODE op +o");

        alice.send("MODE alice +w").expectLine(":alice!~alice@127.0.0.1 MODE alice +w");
        op.send("WALLOPS :hear ye");
        alice.expectLine(":op!~op@127.0.0.1 WALLOPS :hear ye");

        alice.send("JOIN #x");
        alice.next("366");
        op.send("JOIN #x");
        op.next("366");
        alice.next("JOIN");
        op.send("KILL alice :spam");
        assertThat(alice.readToEof()).startsWith("ERROR :Closing Link: 127.0.0.1 (Killed (op (spam)))");
        op.expectLine(":alice!~alice@127.0.0.1 QUIT :Killed (op (spam))");
    }

    @Test
    void aPartReasonReachesTheOtherMembers() {
        IrcClient alice = IrcClient.registered(server, "alice");
        IrcClient bob = IrcClient.registered(server, "bob");
        alice.send("JOIN #p");
        alice.next("366");
        bob.send("JOIN #p");
        bob.next("366");
        alice.next("JOIN");
        bob.send("PART #p :see you");
        bob.expectLine(":bob!~bob@127.0.0.1 PART #p :see you");
        alice.expectLine(":bob!~bob@127.0.0.1 PART #p :see you");
    }
}
