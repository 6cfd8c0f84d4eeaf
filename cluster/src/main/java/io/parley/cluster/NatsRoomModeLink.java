package io.parley.cluster;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.parley.core.room.RoomModeLink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoomModeLink} on the room bus's NATS connection (core pub/sub, at most once): every
 * stored change of a room's modes goes to every node on {@code <prefix>.modes}, and each node but
 * the sender takes it. The change is in the store before it is sent, so a node that misses one
 * finds it there: when the connection comes back ({@code RECONNECTED}) the listeners are told to
 * read again what they hold. Values are length-prefixed UTF-8 after a
 * version byte and the sending node's name.
 *
 * <p>Thread-safe; nothing blocks. The listeners run on this link's dispatcher thread (notices)
 * and on the connection's event thread (reconnections).
 */
public final class NatsRoomModeLink implements RoomModeLink {

    private static final Logger log = LoggerFactory.getLogger(NatsRoomModeLink.class);
    private static final byte VERSION = 1;

    private final Connection connection;
    private final String subject;
    private final String node;
    /** Each IRC server of the node (one per IRC listener section) listens. */
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Dispatcher dispatcher;

    private NatsRoomModeLink(Connection connection, String prefix, String node) {
        this.connection = connection;
        this.subject = prefix + ".modes";
        this.node = node;
    }

    /** The link over {@code bus}'s connection, for the node and subjects of {@code settings}. */
    public static NatsRoomModeLink on(NatsRoomBus bus, BusSettings settings) {
        return new NatsRoomModeLink(bus.connection(), settings.subjectPrefix(), settings.node());
    }

    @Override
    public void changed(Notice notice) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            write(out, node);
            out.writeInt(notice.roomRef());
            write(out, notice.setBy());
            out.writeLong(notice.at().toEpochMilli());
            out.writeInt(notice.shown().size());
            for (String part : notice.shown()) {
                write(out, part);
            }
            write(out, notice.flags());
            out.writeBoolean(notice.key() != null);
            if (notice.key() != null) {
                write(out, notice.key());
            }
            out.writeInt(notice.limit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            connection.publish(subject, bytes.toByteArray());
        } catch (RuntimeException e) {
            // Disconnected with a full reconnect buffer, or closing: the change is in the store.
            log.warn("Could not publish to {}: {}", subject, e.toString());
        }
    }

    @Override
    public synchronized void listen(Listener listener) {
        listeners.add(listener);
        if (dispatcher == null) {
            dispatcher = connection.createDispatcher(this::received);
            dispatcher.subscribe(subject);
            connection.addConnectionListener((source, event) -> {
                if (event == ConnectionListener.Events.RECONNECTED) {
                    listeners.forEach(Listener::reconnected);
                }
            });
        }
    }

    private void received(Message message) {
        Notice notice;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message.getData()))) {
            if (in.readByte() != VERSION) {
                throw new IOException("unknown version");
            }
            if (read(in).equals(node)) {
                return; // this node's own change, applied when it was made
            }
            int ref = in.readInt();
            String setBy = read(in);
            Instant at = Instant.ofEpochMilli(in.readLong());
            int parts = in.readInt();
            if (parts < 0 || parts > 64) {
                throw new IOException("bad count " + parts);
            }
            List<String> shown = new ArrayList<>(parts);
            for (int i = 0; i < parts; i++) {
                shown.add(read(in));
            }
            String flags = read(in);
            String key = in.readBoolean() ? read(in) : null;
            notice = new Notice(ref, setBy, at, shown, flags, key, in.readInt());
        } catch (IOException | RuntimeException e) {
            log.warn("Dropped a malformed room mode notice on {}: {}", subject, e.toString());
            return;
        }
        for (Listener listener : listeners) {
            listener.changed(notice);
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
