package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /socket} speaking IRC: an IRC client in a browser meets a line user in #lobby. */
class WebIrcSocketTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(ServerConfig.WEB_SOCKET_PROTOCOL, "irc");

    @Test
    void anIrcClientOverWebSocketRegistersJoinsAndTalksWithALineUser() throws Exception {
        try (WebSocketTestClient irc = WebSocketTestClient.connect(server.port("web"), "binary.ircv3.net,text.ircv3.net", Map.of())) {
            assertThat(irc.subprotocol()).isEqualTo("binary.ircv3.net");
            irc.send("NICK webby").send("USER webby 0 * :Web User\r\n");
            String line;
            do {
                line = irc.nextText();
                assertThat(line).doesNotContain("\r").doesNotContain("\n");
            } while (!line.contains(" 001 webby "));
            WireClient larry = server.connect("line").send("larry\nhello\n").expect("larry: hello\n");
            irc.send("JOIN #lobby");
            do {
                line = irc.nextText();
            } while (!line.contains(" 366 webby #lobby "));
            irc.send("PRIVMSG #lobby :hi from a browser");
            larry.expect("* webby joined lobby\n").expect("webby: hi from a browser\n");
            larry.send("welcome\n");
            do {
                line = irc.nextText();
            } while (!line.contains("PRIVMSG #lobby"));
            assertThat(line).startsWith(":larry!").matches(".* PRIVMSG #lobby :?welcome");
        }
    }
}
