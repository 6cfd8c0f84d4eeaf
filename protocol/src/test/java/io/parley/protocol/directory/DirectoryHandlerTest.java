package io.parley.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.directory.DirectoryEntry;
import io.parley.core.directory.DirectoryStore;
import io.parley.core.directory.InMemoryDirectoryStore;
import io.parley.core.directory.RoomDirectory;
import io.parley.core.room.ChatService;
import io.parley.core.room.RoomRegistry;
import io.parley.protocol.PipelineFuzzing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directory pipeline on an {@link EmbeddedChannel}: every reply and error of the spec. */
class DirectoryHandlerTest {

    private final ChatService chat = PipelineFuzzing.inMemoryChat();
    private final RoomRegistry rooms = chat.rooms();
    private final List<String> console = new CopyOnWriteArrayList<>();
    private EmbeddedChannel channel = connect(new InMemoryDirectoryStore());

    private EmbeddedChannel connect(DirectoryStore store) {
        return new EmbeddedChannel(new DirectoryInitializer(new RoomDirectory(chat, store, 0),
                new DirectorySettings(console::add)));
    }

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    /** Sends {@code text} in one buffer and returns every byte the server wrote back. */
    private String send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        return replies();
    }

    private String replies() {
        channel.runPendingTasks();
        StringBuilder replies = new StringBuilder();
        for (ByteBuf reply = channel.readOutbound(); reply != null; reply = channel.readOutbound()) {
            replies.append(reply.toString(StandardCharsets.UTF_8));
            reply.release();
        }
        return replies.toString();
    }

    /** Lets the store's writes complete one by one, each time letting the connection go on to the next. */
    private void releaseAll(HeldStore store) {
        for (channel.runPendingTasks(); store.releaseNext(); channel.runPendingTasks()) {
            // each write released lets the next command run, which may start a write of its own
        }
    }

    @Test
    void getdirListsTheRoomsByName() {
        assertThat(send("getdir\n")).isEqualTo("OK 0\n");
        assertThat(send("makeroom r2 239.0.0.2 5000\n")).isEqualTo("OK room r2 created\n");
        assertThat(send("makeroom R1 239.0.0.1 6000\n")).isEqualTo("OK room R1 created\n");

        assertThat(send("getdir\n")).isEqualTo("OK 2\nR1 239.0.0.1 6000\nr2 239.0.0.2 5000\n");
    }

    @Test
    void deleteroomRemovesTheRoomAndNamesItAsItWasMade() {
        send("makeroom Room1 239.0.0.1 5000\n");

        assertThat(send("deleteroom room1\n")).isEqualTo("OK room Room1 deleted\n");
        assertThat(send("deleteroom room1\n")).isEqualTo("ERR 404 no room named room1\n");
        assertThat(send("getdir\n")).isEqualTo("OK 0\n");
    }

    @Test
    void deleteroomOfANameNoRoomCouldHaveIsRefusedWithoutEchoingIt() {
        assertThat(send("deleteroom bad\u0000name\n")).isEqualTo("ERR 400 invalid room name\n");
    }

    @Test
    void takenNamesAndGroupsAreConflicts() {
        send("makeroom r1 239.0.0.1 5000\n");

        assertThat(send("makeroom R1 239.0.0.9 5000\n")).isEqualTo("ERR 409 room r1 already exists\n");
        assertThat(send("makeroom r2 239.0.0.1 5000\n")).isEqualTo("ERR 409 239.0.0.1:5000 is already used by room r1\n");
    }

    @Test
    void badArgumentsAreBadRequests() {
        assertThat(send("makeroom r/1 239.0.0.1 5000\n")).isEqualTo("ERR 400 invalid room name\n");
        assertThat(send("makeroom " + "r".repeat(33) + " 239.0.0.1 5000\n")).isEqualTo("ERR 400 invalid room name\n");
        assertThat(send("makeroom r1 224.0.0.1 5000\n"))
                .isEqualTo("ERR 400 address must be an IPv4 multicast address in 239.0.0.0/8\n");
        assertThat(send("makeroom r1 239.0.0.1 1023\n")).isEqualTo("ERR 400 port must be 1024-65535\n");
    }

    @Test
    void theWrongNumberOfTokensGetsTheVerbsUsage() {
        assertThat(send("makeroom r1 239.0.0.1\n")).isEqualTo("ERR 400 usage: makeroom <name> <address> <port>\n");
        assertThat(send("makeroom r1 239.0.0.1 5000 extra\n"))
                .isEqualTo("ERR 400 usage: makeroom <name> <address> <port>\n");
        assertThat(send("deleteroom\n")).isEqualTo("ERR 400 usage: deleteroom <name>\n");
        assertThat(send("getdir now\n")).isEqualTo("ERR 400 usage: getdir\n");
        assertThat(send("bye bye\n")).isEqualTo("ERR 400 usage: bye\n");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void unknownVerbsAreQuotedShortAndHarmless() {
        assertThat(send("hello there\n")).isEqualTo("ERR 400 unknown command hello\n");
        assertThat(send("x".repeat(40) + "\n")).isEqualTo("ERR 400 unknown command " + "x".repeat(32) + "\n");
        assertThat(send("a\u001b[2Jb\n")).isEqualTo("ERR 400 unknown command a\uFFFD[2Jb\n");
        assertThat(send("GetDir\n")).isEqualTo("OK 0\n");
    }

    @Test
    void blankLinesGetNoReply() {
        assertThat(send("\n\r\n   \n")).isEmpty();
    }

    @Test
    void byeRepliesThenClosesAndAnswersNothingAfter() {
        assertThat(send("bye\ngetdir\n")).isEqualTo("OK bye\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrderEvenWhileTheStoreIsSlow() {
        HeldStore store = new HeldStore();
        channel.finishAndReleaseAll();
        channel = connect(store);

        assertThat(send("makeroom r1 239.0.0.1 5000\ngetdir\nmakeroom r1 239.0.0.2 5000\ndeleteroom r1\ngetdir\n"))
                .isEmpty();
        releaseAll(store);

        assertThat(replies()).isEqualTo("OK room r1 created\nOK 1\nr1 239.0.0.1 5000\n"
                + "ERR 409 room r1 already exists\nOK room r1 deleted\nOK 0\n");
    }

    @Test
    void aLineTooLongIsAnsweredInItsPlaceThenTheConnectionCloses() {
        HeldStore store = new HeldStore();
        channel.finishAndReleaseAll();
        channel = connect(store);

        String tooLong = "x".repeat(DirectorySettings.MAX_LINE_BYTES + 1);
        assertThat(send("makeroom r1 239.0.0.1 5000\n" + tooLong + "\ngetdir\n")).isEmpty();
        releaseAll(store);

        assertThat(replies()).isEqualTo("OK room r1 created\nERR 413 line too long\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aStoreFailureIsAnErrorAndTheConnectionGoesOn() {
        HeldStore store = new HeldStore();
        channel.finishAndReleaseAll();
        channel = connect(store);

        send("makeroom r1 239.0.0.1 5000\n");
        store.failNext();

        assertThat(replies()).isEqualTo("ERR 500 the directory could not be changed, try again\n");
        assertThat(send("getdir\n")).isEqualTo("OK 0\n");
    }

    @Test
    void theConsoleGetsALineWhenTheConnectionOpensAndWhenItCloses() {
        channel.close();

        assertThat(console).containsExactly("Connection from embedded opened", "Connection from embedded closed");
    }

    /** A store whose writes wait until the test lets them complete. Event-loop (test thread) only. */
    private static final class HeldStore implements DirectoryStore {
        private final Queue<CompletableFuture<Void>> writes = new ArrayDeque<>();

        @Override
        public List<DirectoryEntry> loadAll() {
            return List.of();
        }

        @Override
        public CompletionStage<Void> add(DirectoryEntry entry) {
            CompletableFuture<Void> write = new CompletableFuture<>();
            writes.add(write);
            return write;
        }

        @Override
        public CompletionStage<Void> remove(DirectoryEntry entry) {
            return add(entry);
        }

        /** Completes the oldest waiting write; false if none is waiting. */
        boolean releaseNext() {
            CompletableFuture<Void> write = writes.poll();
            return write != null && write.complete(null);
        }

        void failNext() {
            writes.poll().completeExceptionally(new IllegalStateException("disk full"));
        }
    }
}
