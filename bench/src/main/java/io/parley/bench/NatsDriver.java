package io.parley.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * NATS's client protocol (docs.nats.io, "Client Protocol"), so that a NATS server, one of the
 * servers issue 7 measures Parley against, can be driven by the same workloads on the same
 * machine. Not a protocol Parley serves. Room {@code k} is the subject {@code parley-bench.k}, every
 * room behind the one port; a member joins by subscribing and counts as joined when the server
 * answers the {@code PING} sent after its {@code SUB} (a server handles a connection's commands in
 * order). NATS echoes a message to its publisher, as Parley's protocols do. A churning member
 * leaves by closing its connection, as on the line protocol: its join starts with the
 * {@code CONNECT} that a connection sends only once.
 */
final class NatsDriver implements ProtocolDriver {

    private static final byte[] CRLF = Ascii.bytes("\r\n");

    static String subject(int room) {
        return "parley-bench." + room;
    }

    @Override
    public int port(int basePort, int room) {
        return basePort;
    }

    @Override
    public DeliveryDecoder decoder(DeliveryListener listener) {
        return new NatsDeliveryDecoder(listener);
    }

    @Override
    public void join(ByteBuf out, String name, int room) {
        out.writeCharSequence("CONNECT {\"verbose\":false,\"pedantic\":false,\"echo\":true,\"name\":\"" + name + "\"}\r\n"
                + "SUB " + subject(room) + " 1\r\nPING\r\n", StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] messagePrefix(String name, int room, int roomRef, long joinId) {
        return Ascii.bytes("PUB " + subject(room) + " ");
    }

    @Override
    public byte[] messageSuffix() {
        return CRLF;
    }

    /** {@code PUB <subject> <bytes>}, then the payload: NATS frames a message by its length. */
    @Override
    public void writeMessage(ByteBuf out, byte[] prefix, int sender, long seq, long stampNanos, int size) {
        out.writeBytes(prefix);
        Ascii.writeDecimal(out, Payload.length(sender, seq, stampNanos, size));
        out.writeBytes(CRLF);
        Payload.write(out, sender, seq, stampNanos, size);
        out.writeBytes(messageSuffix());
    }

    @Override
    public boolean leave(ByteBuf out, String name, int roomRef, long joinId) {
        return false;
    }
}
