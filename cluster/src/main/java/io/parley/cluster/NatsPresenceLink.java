package io.parley.cluster;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.parley.core.account.PresenceLink;
import io.parley.core.account.PrivateMessage;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PresenceLink} on the room bus's NATS connection (core pub/sub, at most once): a private
 * message or a replaced login goes to the subject of the node that holds its name,
 * {@code <prefix>.node.<node>.pm} and {@code <prefix>.node.<node>.replaced}; a registration to
 * every node, {@code <prefix>.names}, and a name coming online or going offline (one small message
 * each, for IRC's MONITOR) to every node, {@code <prefix>.online}. A private message is stored before it is sent here, so one
 * NATS loses (a node cut off) is in its recipient's history. Each subject's values carry a
 * version of their own and are read tolerantly ({@link PresenceCodec}), so a rolling upgrade
 * between adjacent versions keeps every subject working.
 *
 * <p>Thread-safe; nothing blocks. The listener runs on this link's own dispatcher thread.
 */
public final class NatsPresenceLink implements PresenceLink {

    private static final Logger log = LoggerFactory.getLogger(NatsPresenceLink.class);

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
        publish(prefix + ".node." + to + ".pm", PresenceCodec.privateMessage(message));
    }

    @Override
    public void replaced(String to, String name, long token) {
        publish(prefix + ".node." + to + ".replaced", PresenceCodec.replaced(name, token));
    }

    @Override
    public void registered(String name) {
        publish(prefix + ".names", PresenceCodec.registered(name));
    }

    @Override
    public void presence(String name, boolean online) {
        publish(prefix + ".online", PresenceCodec.comingAndGoing(node, name, online));
    }

    @Override
    public synchronized void listen(Listener listener) {
        if (dispatcher != null) {
            throw new IllegalStateException("one listener per link");
        }
        dispatcher = connection.createDispatcher(message -> received(listener, message));
        dispatcher.subscribe(prefix + ".node." + node + ".*");
        dispatcher.subscribe(prefix + ".names");
        dispatcher.subscribe(prefix + ".online");
    }

    private void received(Listener listener, Message message) {
        String subject = message.getSubject();
        try {
            if (subject.endsWith(".pm")) {
                PrivateMessage pm = PresenceCodec.privateMessage(message.getData());
                if (PresenceCodec.hasGuestTokens(message.getData())) {
                    listener.privateMessage(pm);
                } else {
                    listener.privateMessageByName(pm); // a node of the first release's, during a rolling upgrade
                }
            } else if (subject.endsWith(".replaced")) {
                PresenceCodec.Replaced replaced = PresenceCodec.replaced(message.getData());
                listener.replaced(replaced.name(), replaced.token());
            } else if (subject.endsWith(".names")) {
                listener.registered(PresenceCodec.registered(message.getData()));
            } else if (subject.endsWith(".online")) {
                PresenceCodec.ComingAndGoing notice = PresenceCodec.comingAndGoing(message.getData());
                if (!notice.node().equals(node)) { // this node's own, told to its users as it happened
                    listener.presence(notice.node(), notice.name(), notice.online());
                }
            }
            // Another subject under this node's: a newer node's, which this one does not know.
        } catch (IOException | RuntimeException e) {
            log.warn("Dropped a malformed presence message on {}: {}", subject, e.toString());
        }
    }

    private void publish(String subject, byte[] value) {
        try {
            connection.publish(subject, value);
        } catch (RuntimeException e) {
            // Disconnected with a full reconnect buffer, or closing: a private message is in
            // history; a registration reaches the other nodes when they restart.
            log.warn("Could not publish to {}: {}", subject, e.toString());
        }
    }
}
