package io.parley.cluster;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.parley.core.account.PresenceLink;
import io.parley.core.account.PrivateMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PresenceLink} on the room bus's NATS connection (core pub/sub, at most once): a private
 * message or a replaced login goes to the subject of the node that holds its name,
 * {@code <prefix>.node.<node>.pm} and {@code <prefix>.node.<node>.replaced}; a registration to
 * every node, {@code <prefix>.names}. A private message is stored before it is sent here, so one
 * NATS loses (a node cut off) is in its recipient's history. Values are length-prefixed UTF-8
 * (a version byte first), so client text crosses unchanged and is never parsed.
 *
 * <p>Thread-safe; nothing blocks. The listener runs on this link's own dispatcher thread.
 */
public final class NatsPresenceLink implements PresenceLink {

    private static final Logger log = LoggerFactory.getLogger(NatsPresenceLink.class);
    private static final byte VERSION = 2; // 2: a private message carries its id and guest tokens

    private final Connection connection;
    private final String prefix;
    private final String node;
    private Dispatcher dispatcher;

    private NatsPresenceLink(Connection connection, String prefix, String node) {
        this.connection = connection;
        this.prefix = prefix;
        this.node = node;
    }

    /** The link over {@code bus}'s connection, for the node and subjects of {@code settings}. */
    public static NatsPresenceLink on(NatsRoomBus bus, BusSettings settings) {
        return new NatsPresenceLink(bus.connection(), settings.subjectPrefix(), settings.node());
    }

    @Override
    public void privateMessage(String to, PrivateMessage message) {
        publish(prefix + ".node." + to + ".pm", out -> {
            out.writeLong(message.id());
            out.writeLong(message.time().getEpochSecond());
            out.writeInt(message.time().getNano());
            write(out, message.from());
            write(out, message.fromGuest());
            write(out, message.to());
            write(out, message.toGuest());
            out.writeBoolean(message.encrypted());
            write(out, message.body());
        });
    }

    @Override
    public void replaced(String to, String name, long token) {
        publish(prefix + ".node." + to + ".replaced", out -> {
            write(out, name);
            out.writeLong(token);
        });
    }

    @Override
    public void registered(String name) {
        publish(prefix + ".names", out -> write(out, name));
    }

    @Override
    public synchronized void listen(Listener listener) {
        if (dispatcher != null) {
            throw new IllegalStateException("one listener per link");
        }
        dispatcher = connection.createDispatcher(message -> received(listener, message));
        dispatcher.subscribe(prefix + ".node." + node + ".*");
        dispatcher.subscribe(prefix + ".names");
    }

    private void received(Listener listener, Message message) {
        String subject = message.getSubject();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message.getData()))) {
            if (in.readByte() != VERSION) {
                throw new IOException("unknown version");
            }
            if (subject.endsWith(".pm")) {
                long id = in.readLong();
                Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
                listener.privateMessage(new PrivateMessage(id, time, read(in), read(in), read(in), read(in),
                        in.readBoolean(), read(in)));
            } else if (subject.endsWith(".replaced")) {
                listener.replaced(read(in), in.readLong());
            } else {
                listener.registered(read(in));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Dropped a malformed presence message on {}: {}", subject, e.toString());
        }
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private void publish(String subject, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            connection.publish(subject, bytes.toByteArray());
        } catch (RuntimeException e) {
            // Disconnected with a full reconnect buffer, or closing: a private message is in
            // history; a registration reaches the other nodes when they restart.
            log.warn("Could not publish to {}: {}", subject, e.toString());
        }
    }

    private static void write(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length " + length);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
