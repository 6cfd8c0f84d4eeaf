package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRC nicks and account names on one server: an IRC client cannot take the name of an account
 * user who is online, and an IRC user whose nick is registered by an account login loses it.
 */
class IrcAccountNamesTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void theNickOfAnAccountUserWhoIsOnlineIs433() throws Exception {
        try (AccountWire erin = server.login("erin", "correct horse battery")) {
            IrcClient client = new IrcClient(server.connect("irc"));
            client.send("NICK Erin").expectLine(":My.Little.Server 433 * Erin :Nickname is registered to an account; log in with SASL to use it");
            client.send("NICK erin").expectLine(":My.Little.Server 433 * erin :Nickname is registered to an account; log in with SASL to use it");
        }
    }

    @Test
    void anAccountRegisteringAnIrcUsersNickEndsThatIrcConnection() throws Exception {
        IrcClient fay = IrcClient.registered(server, "fay");

        try (AccountWire owner = server.login("fay", "correct horse battery")) {
            assertThat(fay.readToEof()).contains("ERROR :Closing Link: ")
                    .contains("Your nickname was just registered by its owner");
        }
    }
}
