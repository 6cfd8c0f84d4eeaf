package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.engio.mbassy.listener.Handler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.feature.auth.SaslPlain;

/**
 * An IRC client library nobody here wrote (the Kitteh IRC Client Library, from Maven Central)
 * against a real server: it logs in with SASL PLAIN as an account registered over the account
 * protocol, joins #lobby and chats there with a line-protocol user, both ways.
 */
class IrcKittehClientTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    /** What the library reports, in order: its raw input lines and its events. */
    public static final class Seen {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Handler
        public void joined(ChannelJoinEvent event) {
            events.add(event);
        }

        @Handler
        public void message(ChannelMessageEvent event) {
            events.add(event);
        }

        /** Waits for the first event or line that matches, skipping the others. */
        Object await(Predicate<Object> wanted, String what) throws InterruptedException {
            long end = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Object next = events.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("the client library did not see " + what);
                }
                if (wanted.test(next)) {
                    return next;
                }
            }
        }
    }

    @Test
    void kittehLogsInWithSaslJoinsTheLobbyAndChatsWithALineUser() throws Exception {
        server.login("dora", PASSWORD).close();
        Seen seen = new Seen();
        Client kitteh = Client.builder()
                .nick("dora")
                .user("dora")
                .realName("Dora Kitteh")
                .server().host("127.0.0.1").port(server.port("irc"), Client.Builder.Server.SecurityType.INSECURE).then()
                .listeners().input(seen.events::add).then()
                .build();
        try {
            kitteh.getAuthManager().addProtocol(new SaslPlain(kitteh, "dora", PASSWORD));
            kitteh.getEventManager().registerEventListener(seen);
            kitteh.connect();
            seen.await(line -> line instanceof String raw && raw.contains(" 903 dora "), "903 (SASL success)");
            seen.await(line -> line instanceof String raw && raw.contains(" 001 dora "), "the welcome");

            kitteh.addChannel("#lobby");
            seen.await(event -> event instanceof ChannelJoinEvent join && join.getUser().getNick().equals("dora"),
                    "its own join of #lobby");

            WireClient liner = server.connect("line");
            liner.send("liner\n");
            seen.await(event -> event instanceof ChannelJoinEvent join && join.getUser().getNick().equals("liner"),
                    "the line user's join");

            kitteh.sendMessage("#lobby", "hello from an IRC library");
            liner.expect("dora: hello from an IRC library\n");

            liner.send("hello back from the line protocol\n");
            ChannelMessageEvent reply = (ChannelMessageEvent) seen.await(event -> event instanceof ChannelMessageEvent,
                    "the line user's message");
            assertThat(reply.getActor().getNick()).isEqualTo("liner");
            assertThat(reply.getChannel().getName()).isEqualTo("#lobby");
            assertThat(reply.getMessage()).isEqualTo("hello back from the line protocol");
        } finally {
            kitteh.shutdown();
        }
    }
}
