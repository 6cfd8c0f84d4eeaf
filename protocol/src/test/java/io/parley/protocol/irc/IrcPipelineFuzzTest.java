package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.Accounts;
import io.parley.core.account.InMemoryAccountStore;
import io.parley.core.account.InMemoryHistoryStore;
import io.parley.core.account.LoginThrottle;
import io.parley.core.account.Presence;
import io.parley.core.account.PrivateMessageQuota;
import io.parley.core.account.PrivateMessages;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.core.room.InMemoryEventLog;
import io.parley.core.room.InMemoryRoomStore;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.RoomRegistry;
import io.parley.protocol.CryptoLanes;
import io.parley.protocol.PasswordHasher;
import io.parley.protocol.PipelineFuzzing;
import io.parley.protocol.SharedAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The IRC pipeline (real framing, handler and encoders) on any input, with a second registered
 * user in {@code #lobby} (subscribed to a few metadata keys) to receive what the first sends: it never throws, and every line it
 * writes to either is one CR LF line within IRC's limits (tags plus 512 bytes) with no CR, LF or
 * NUL inside. Saved inputs run in {@code mvn verify}; DEVELOPING.md says how to fuzz for longer.
 */
class IrcPipelineFuzzTest {

    /** The tags section (8,191 bytes with its {@code @} and space) plus a 512-byte message. */
    private static final int MAX_LINE = 8191 + 512;

    @FuzzTest(maxDuration = "10m")
    void anyInputKeepsThePipelineSafe(FuzzedDataProvider data) {
        IrcInitializer initializer = new IrcInitializer(server());
        EmbeddedChannel bob = new EmbeddedChannel(initializer);
        bob.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(
                "CAP LS 302\r\nNICK bob\r\nUSER bob 0 * :Bob\r\n"
                        + "CAP REQ :message-tags echo-message server-time draft/metadata-3 batch\r\n"
                        + "METADATA * SUB display-name avatar url topic\r\nCAP END\r\nJOIN #lobby\r\n", StandardCharsets.UTF_8));
        bob.runPendingTasks();
        String toBobAtFirst = PipelineFuzzing.output(bob);
        assertThat(toBobAtFirst).as("bob is registered and in #lobby").contains(" 001 bob ", " JOIN ");
        EmbeddedChannel alice = new EmbeddedChannel(initializer);

        String toAlice = PipelineFuzzing.feed(alice, data);
        bob.runPendingTasks();
        String toBob = PipelineFuzzing.output(bob);
        bob.finishAndReleaseAll();

        assertSafeLines(toAlice);
        assertSafeLines(toBob);
    }

    static IrcServer server() {
        Executor inline = Runnable::run;
        RegisteredNames names = new RegisteredNames(List.of("owner"));
        Presence presence = new Presence(names);
        InMemoryEventLog log = new InMemoryEventLog();
        InMemoryHistoryStore history = new InMemoryHistoryStore(log);
        ChatService chat = new ChatService(new RoomRegistry(new InMemoryRoomStore()), log, new LocalRoomBus(), Clock.systemUTC());
        Accounts accounts = new Accounts(new InMemoryAccountStore(), names, new PasswordHasher(64, 1, inline),
                new LoginThrottle(10, 50, Duration.ofMinutes(5), Clock.systemUTC()));
        PrivateMessages privateMessages = new PrivateMessages(history, presence,
                new PrivateMessageQuota(1 << 20, Duration.ofDays(1), Clock.systemUTC()), Clock.systemUTC());
        SharedAccounts shared = new SharedAccounts(accounts, privateMessages, new CryptoLanes(inline, 1, 4, 16));
        IrcSettings settings = new IrcSettings("fuzz.server", "Fuzz", "Fuzz server", "", List.of("hello"), 120,
                "oper", "operpassword");
        return new IrcServer(settings, chat, names, new InMemoryRoomStore(), presence, shared);
    }

    private static void assertSafeLines(String output) {
        assertThat(output.isEmpty() || output.endsWith("\r\n")).as("output ends with a line end").isTrue();
        for (String line : output.split("\r\n")) {
            assertThat(line).doesNotContain("\r").doesNotContain("\n").doesNotContain("\0");
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as("line length: %s", line).isLessThanOrEqualTo(MAX_LINE);
            if (!line.isEmpty()) {
                assertThat(line).as("an IRC line from the server").matches("(@\\S+ )?:\\S+ \\S+( .*)?|PING .*|ERROR :.*|AUTHENTICATE \\+");
            }
        }
    }
}
