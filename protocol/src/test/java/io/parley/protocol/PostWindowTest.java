package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.core.room.EventLog;
import io.parley.core.room.InMemoryEventLog;
import io.parley.core.room.InMemoryRoomStore;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRegistry;
import io.parley.protocol.line.LineInitializer;
import io.parley.protocol.line.LineSettings;
import io.parley.protocol.tcd.TcdInitializer;
import io.parley.protocol.tcd.TcdSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A poster whose messages the store has not finished with is not read past its window: the
 * store's queue holds at most {@link PostWindow#LIMIT} of its messages, the rest wait in TCP.
 */
class PostWindowTest {

    /** Stores joins at once and holds every chat message until the test lets it through. */
    private static final class StalledLog implements EventLog {
        private final InMemoryEventLog stored = new InMemoryEventLog();
        final List<Runnable> heldPosts = new ArrayList<>();

        @Override
        public void append(RoomEvent event, BiConsumer<RoomEvent, Throwable> done) {
            if (event instanceof RoomEvent.Posted) {
                heldPosts.add(() -> stored.append(event, done));
            } else {
                stored.append(event, done);
            }
        }

        void storeOldest() {
            heldPosts.remove(0).run();
        }
    }

    private final StalledLog log = new StalledLog();
    private final ChatService chat = new ChatService(new RoomRegistry(new InMemoryRoomStore()), log,
            new LocalRoomBus(), Clock.systemUTC());
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aLinePosterIsNotReadWhileItsWindowIsFull() {
        channel = new EmbeddedChannel(new LineInitializer(chat, new RegisteredNames(List.of()),
                new LineSettings("lobby", 256)));
        send("alice\n" + "hello\n".repeat(3 * PostWindow.LIMIT));

        assertThat(log.heldPosts).hasSize(PostWindow.LIMIT);
        assertThat(channel.config().isAutoRead()).as("reading").isFalse();

        log.storeOldest();
        channel.runPendingTasks();
        assertThat(log.heldPosts).as("one stored, one more taken").hasSize(PostWindow.LIMIT);
    }

    @Test
    void aTcdPosterIsNotReadWhileItsWindowIsFull() {
        channel = new EmbeddedChannel(new TcdInitializer(chat, new RegisteredNames(List.of()),
                new TcdSettings("test", 1024, false, () -> { })));
        send("JOIN_CHATROOM: room1\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: tom\n");
        String chat = "CHAT: 1\nJOIN_ID: 1\nCLIENT_NAME: tom\nMESSAGE: hello\n\n";
        send(chat.repeat(3 * PostWindow.LIMIT));

        assertThat(log.heldPosts).hasSize(PostWindow.LIMIT);
        assertThat(channel.config().isAutoRead()).as("reading").isFalse();
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        channel.runPendingTasks();
        channel.checkException();
    }
}
