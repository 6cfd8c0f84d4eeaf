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
 * stored change of a room's modes or topic goes to every node on {@code <prefix>.modes}, and each node but
 * the sender takes it. The change is in the store before it is sent, so a node that misses one
 * finds it there: when the connection comes back ({@code RECONNECTED}) the listeners are told to
 * read again what they hold. Values are length-prefixed UTF-8 after a
 * version byte, one per kind of message ({@code 1} modes, {@code 2} topic; a node drops a kind it
 * does not know), and the sending node's name.
 *
 * <p>Thread-safe; nothing blocks. The listeners run on this link's dispatcher thread (notices)
 * and on the connection's event thread (reconnections).
 */
public final class NatsRoomModeLink implements RoomModeLink {

    private static final Logger log = LoggerFactory.getLogger(NatsRoomModeLink.class);
    private static final byte MODES = 1;
    private static final byte TOPIC = 2;

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
            out.writeByte(MODES);
            WireStrings.write(out, node);
            out.writeInt(notice.roomRef());
            WireStrings.write(out, notice.setBy());
            out.writeLong(notice.at().toEpochMilli());
            out.writeInt(notice.shown().size());
            for (String part : notice.shown()) {
                WireStrings.write(out, part);
            }
            WireStrings.write(out, notice.flags());
            out.writeBoolean(notice.key() != null);
            if (notice.key() != null) {
                WireStrings.write(out, notice.key());
            }
            out.writeInt(notice.limit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        publish(bytes.toByteArray());
    }

    @Override
    public void topicChanged(TopicNotice notice) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + notice.text().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(TOPIC);
            WireStrings.write(out, node);
            out.writeInt(notice.roomRef());
            WireStrings.write(out, notice.text());
            WireStrings.write(out, notice.source());
            WireStrings.write(out, notice.setBy());
            out.writeLong(notice.at().toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        publish(bytes.toByteArray());
    }

    private void publish(byte[] data) {
        try {
            connection.publish(subject, data);
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
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message.getData()))) {
            byte kind = in.readByte();
            if (kind != MODES && kind != TOPIC) {
                throw new IOException("unknown version " + kind);
            }
            if (WireStrings.read(in).equals(node)) {
                return; // this node's own change, applied when it was made
            }
            if (kind == MODES) {
                Notice notice = readModes(in);
                listeners.forEach(listener -> listener.changed(notice));
            } else {
                TopicNotice notice = new TopicNotice(in.readInt(), WireStrings.read(in), WireStrings.read(in), WireStrings.read(in),
                        Instant.ofEpochMilli(in.readLong()));
                listeners.forEach(listener -> listener.topicChanged(notice));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Dropped a malformed room notice on {}: {}", subject, e.toString());
        }
    }

    private static Notice readModes(DataInputStream in) throws IOException {
        int ref = in.readInt();
        String setBy = WireStrings.read(in);
        Instant at = Instant.ofEpochMilli(in.readLong());
        int parts = in.readInt();
        if (parts < 0 || parts > 64) {
            throw new IOException("bad count " + parts);
        }
        List<String> shown = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            shown.add(WireStrings.read(in));
        }
        String flags = WireStrings.read(in);
        String key = in.readBoolean() ? WireStrings.read(in) : null;
        return new Notice(ref, setBy, at, shown, flags, key, in.readInt());
    }

}
