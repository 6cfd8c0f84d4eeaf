package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.room.ChatService;
import io.parley.core.room.InMemoryEventLog;
import io.parley.core.room.InMemoryRoomStore;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.RoomRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a protocol's real pipeline on an {@link EmbeddedChannel} with fuzzer input in random
 * chunks, and checks what every pipeline must guarantee whatever it is fed: no unhandled
 * exception, and no output that could break another client's framing.
 */
public final class PipelineFuzzing {

    private PipelineFuzzing() {}

    /** An in-memory core: rooms, log and bus without a store or threads. */
    public static ChatService inMemoryChat() {
        return new ChatService(new RoomRegistry(new InMemoryRoomStore()), new InMemoryEventLog(), new LocalRoomBus(),
                Clock.systemUTC());
    }

    /**
     * Feeds the rest of {@code data} to the channel in chunks of 1 to 64 bytes, running its
     * pending tasks after each, and returns everything it wrote, as text. Fails on any exception
     * the pipeline did not handle.
     */
    public static String feed(EmbeddedChannel channel, FuzzedDataProvider data) {
        StringBuilder output = new StringBuilder();
        while (data.remainingBytes() > 0 && channel.isOpen()) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 64));
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            channel.runPendingTasks();
            channel.checkException();
            output.append(output(channel));
        }
        channel.finishAndReleaseAll();
        return output.toString();
    }

    /** Everything the channel has written so far, as text. */
    public static String output(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf bytes = (ByteBuf) message;
            text.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.release();
        }
        return text.toString();
    }

    /** The output's lines (split on LF), asserting none holds a CR or NUL or passes {@code maxLine} bytes. */
    public static List<String> safeLines(String output, int maxLine) {
        assertThat(output).doesNotContain("\r").doesNotContain("\0");
        List<String> lines = new ArrayList<>(List.of(output.split("\n", -1)));
        for (String line : lines) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxLine);
        }
        return lines;
    }
}
