package io.parley.server;

import io.parley.protocol.irc.IrcModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code NAMES #a,#b} over real sockets: each channel's 353s, then one 366 for the list; past four, 407. */
class IrcNamesSeveralChannelsTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void namesOfSeveralChannelsEndsWithOne366() {
        IrcClient nick1 = IrcClient.registered(server, "nick1");
        nick1.send("JOIN #chan1").next("366");
        nick1.send("JOIN #chan2").next("366");
        nick1.send("NAMES #chan1,#nosuch,#chan2");
        nick1.expectLine(S + "353 nick1 = #chan1 :@nick1");
        nick1.expectLine(S + "353 nick1 = #chan2 :@nick1");
        nick1.expectLine(S + "366 nick1 #chan1,#nosuch,#chan2 :End of /NAMES list");
        nick1.send("NAMES #chan1").expectLine(S + "353 nick1 = #chan1 :@nick1")
                .expectLine(S + "366 nick1 #chan1 :End of /NAMES list");
        nick1.send("NAMES #a,#b,#c,#d,#e").expectLine(S + "407 nick1 #a,#b,#c,#d,#e :Too many targets");
    }
}
