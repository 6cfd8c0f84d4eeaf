package io.parley.microbench;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.ChatService;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Writing one room message to one member through the protocol's real pipeline: the encoder, the
 * outbound handlers and the channel's flush. The first member on an event loop renders the
 * message; every further member there shares those bytes (encode once per loop), so the
 * difference between the two is what that sharing saves per recipient.
 */
public class EncodeBenchmark extends HotPathBenchmark {

    @Param({"LINE", "TCD"})
    public WireProtocol protocol;

    private EmbeddedChannel connection;
    private Room room;
    private ChatMessage message;
    private RoomEvent.Posted sameEvent;
    private int expectedBytes;

    @Setup(Level.Trial)
    public void connect() {
        ChatService chat = StoreFreeCore.chat();
        connection = protocol.connect(chat);
        protocol.register(connection);
        room = StoreFreeCore.open(chat, WireProtocol.ROOM);
        message = new ChatMessage(1, Instant.now(), room.ref(), "bob", ChatMessage.Kind.CHAT, WireProtocol.TEXT);
        sameEvent = new RoomEvent.Posted(room.id(), 1, message);
        expectedBytes = firstRecipient();
    }

    /** A message this loop has not rendered yet. */
    @Benchmark
    public int firstRecipient() {
        return write(new RoomEvent.Posted(room.id(), 1, message));
    }

    /** The message the loop just rendered, to another member. */
    @Benchmark
    public int furtherRecipient() {
        return write(sameEvent);
    }

    private int write(RoomEvent event) {
        connection.writeOneOutbound(event, connection.voidPromise());
        connection.flushOutbound();
        int bytes = WireProtocol.Connections.drain(connection);
        if (bytes != expectedBytes && expectedBytes != 0) {
            throw new IllegalStateException(protocol + ": wrote " + bytes + " bytes, expected " + expectedBytes);
        }
        return bytes;
    }

    @TearDown(Level.Trial)
    public void close() {
        connection.checkException();
        connection.finishAndReleaseAll();
    }
}
