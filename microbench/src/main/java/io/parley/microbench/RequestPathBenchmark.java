package io.parley.microbench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One chat message's whole way through the server but the socket and the disk: the protocol's
 * real decoder and handler take the request, the core posts it, and the room delivers it back to
 * its author (the room's only member) through the real encoder. What is measured is the server's
 * user-space work per message received; a real run adds a read() and a write() per connection
 * and the store's insert.
 */
public class RequestPathBenchmark extends HotPathBenchmark {

    @Param({"LINE", "TCD"})
    public WireProtocol protocol;

    private EmbeddedChannel connection;
    private ByteBuf request;
    private int echoBytes;
    private long sent;
    private long received;

    @Setup(Level.Trial)
    public void connect() {
        connection = protocol.connect(StoreFreeCore.chat());
        request = protocol.register(connection);
        echoBytes = roundTrip();
        if (echoBytes == 0) {
            throw new IllegalStateException(protocol + ": the message was not delivered back");
        }
    }

    @Benchmark
    public int roundTrip() {
        connection.writeInbound(request.duplicate());
        connection.runPendingTasks();
        int bytes = WireProtocol.Connections.drain(connection);
        sent++;
        received += bytes;
        return bytes;
    }

    /** Every message must have come back whole: an error reply would measure the error path. */
    @TearDown(Level.Trial)
    public void checkEveryMessageCameBack() {
        connection.checkException();
        if (!connection.isOpen() || received != sent * echoBytes) {
            throw new IllegalStateException(protocol + ": " + received + " bytes back for " + sent
                    + " messages of " + echoBytes + " bytes each (open: " + connection.isOpen() + ")");
        }
        connection.finishAndReleaseAll();
    }
}
