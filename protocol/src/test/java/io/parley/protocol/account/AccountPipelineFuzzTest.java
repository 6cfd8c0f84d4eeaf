package io.parley.protocol.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.ChatService;
import io.parley.core.InMemoryAccountStore;
import io.parley.core.InMemoryEventLog;
import io.parley.core.InMemoryHistoryStore;
import io.parley.core.InMemoryRoomStore;
import io.parley.core.LocalRoomBus;
import io.parley.core.RegisteredNames;
import io.parley.core.RoomRegistry;
import io.parley.protocol.PipelineFuzzing;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The account pipeline on any input: it never throws, and every frame it writes is one
 * {@code C ...} or {@code D ...} line of bounded length with no CR or NUL.
 */
class AccountPipelineFuzzTest {

    private static final int MAX_FRAME = 2048;
    private static final KeyPair SERVER_KEYS = keys();

    private static KeyPair keys() {
        try {
            return RsaKeys.generate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyInputKeepsThePipelineSafe(FuzzedDataProvider data) {
        InMemoryEventLog log = new InMemoryEventLog();
        ChatService chat = new ChatService(new RoomRegistry(new InMemoryRoomStore()), log, new LocalRoomBus(),
                Clock.systemUTC());
        Executor inline = Runnable::run;
        // The cheapest Argon2id cost: the fuzzer explores the protocol, not the hash.
        AccountServices services = new AccountServices(chat, new RegisteredNames(List.of()), new InMemoryAccountStore(),
                new InMemoryHistoryStore(log), SERVER_KEYS, new PasswordHasher(8, 1, inline), new OnlineUsers(),
                inline, MAX_FRAME);
        EmbeddedChannel channel = new EmbeddedChannel(new AccountInitializer(services));

        String output = PipelineFuzzing.feed(channel, data);

        // An invalid byte becomes U+FFFD, three bytes: a relayed frame may triple.
        List<String> lines = PipelineFuzzing.safeLines(output, 3 * MAX_FRAME + 1024);
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertThat(line).matches("[CD] .*");
        }
    }
}
