package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.LongSupplier;

/**
 * An attacker for tests: a client that sends the same request over and over and never reads a
 * byte of the replies, on a non-blocking socket with a tiny receive window, until the server cuts
 * it off. While it sends, the server's pending output (all connections) must stay under a bound.
 */
final class NonReader implements AutoCloseable {

    /** How long the attacker waits for the server to read again, or cut it off, when it has stopped reading. */
    private static final int STALL_TIMEOUT_MS = 15_000;

    private final SocketChannel socket;
    private final Selector selector;
    private long sent;

    private NonReader(SocketChannel socket, Selector selector) {
        this.socket = socket;
        this.selector = selector;
    }

    static NonReader connect(int port) throws IOException {
        SocketChannel socket = SocketChannel.open();
        socket.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.configureBlocking(false);
        Selector selector = Selector.open();
        socket.register(selector, SelectionKey.OP_WRITE);
        return new NonReader(socket, selector);
    }

    /**
     * Sends {@code request} again and again, never reading, until the server closes the
     * connection; after every write asserts that {@code pendingOutput} is at most {@code bound}.
     * Fails if the server neither reads nor closes for {@link #STALL_TIMEOUT_MS}, or takes more
     * than {@code maxBytes} without closing. Returns the bytes the server took.
     */
    long floodUntilCutOff(byte[] request, LongSupplier pendingOutput, long bound, long maxBytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(request);
        while (true) {
            assertThat(pendingOutput.getAsLong()).as("bytes pending on the server after the attacker sent %d", sent)
                    .isLessThanOrEqualTo(bound);
            assertThat(sent).as("bytes the server took from a client that never reads").isLessThan(maxBytes);
            if (!buffer.hasRemaining()) {
                buffer.rewind();
            }
            int written;
            try {
                written = socket.write(buffer);
            } catch (IOException cutOff) {
                return sent; // reset by the server: cut off
            }
            sent += written;
            if (written == 0) {
                // The server is not reading: wait until it reads again or closes (then the write fails).
                assertThat(selector.select(STALL_TIMEOUT_MS)).as("the server neither read nor closed the attacker")
                        .isPositive();
                selector.selectedKeys().clear();
            }
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        socket.close();
    }
}
