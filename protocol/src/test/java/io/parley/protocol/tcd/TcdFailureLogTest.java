package io.parley.protocol.tcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.core.room.EventLog;
import io.parley.core.room.InMemoryRoomStore;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRegistry;
import io.parley.protocol.PipelineFuzzing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Failed requests a client can repeat at will do not each make a WARN line: one per interval (RateLimitedLog). */
class TcdFailureLogTest {

    private static final int BURST = 5;

    @Test
    void aBurstOfFailedJoinsLogsAtMostOneWarning() {
        ChatService chat = new ChatService(new RoomRegistry(new InMemoryRoomStore()), new FailingLog(), new LocalRoomBus(),
                Clock.systemUTC());
        EmbeddedChannel channel = new EmbeddedChannel(new TcdInitializer(chat, new RegisteredNames(List.of()),
                new TcdSettings("test", 4096, false, () -> { })));
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < BURST; i++) {
            joins.append("JOIN_CHATROOM: room\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: user").append(i).append('\n');
        }

        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8)); // slf4j-simple writes there
        String replies;
        try {
            channel.writeInbound(Unpooled.copiedBuffer(joins, StandardCharsets.UTF_8));
            channel.runPendingTasks();
            replies = PipelineFuzzing.output(channel);
        } finally {
            System.setErr(stderr);
            channel.finishAndReleaseAll();
        }

        assertThat(replies.split("ERROR_CODE: 7\n", -1)).as("every join answered 'try again'").hasSize(BURST + 1);
        long warnings = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("WARN") && line.contains("failed")).count();
        assertThat(warnings).as("WARN lines for %d failed requests", BURST).isLessThanOrEqualTo(1);
    }

    /** A store that fails every write, as one with a failing disk does. */
    private static final class FailingLog implements EventLog {
        @Override
        public void append(RoomEvent event, BiConsumer<RoomEvent, Throwable> done) {
            done.accept(event, new IllegalStateException("disk I/O error"));
        }
    }
}
