package io.parley.server;

import io.parley.cluster.BusGuardedEventLog;
import io.parley.cluster.BusSettings;
import io.parley.cluster.BusUnavailableException;
import io.parley.cluster.NatsPresenceLink;
import io.parley.cluster.NatsRoomBus;
import io.parley.cluster.NatsRoomModeLink;
import io.parley.cluster.NodeWatch;
import io.parley.core.Store;
import io.parley.core.account.Presence;
import io.parley.core.account.PresenceLink;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.core.room.EventLog;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.RoomBus;
import io.parley.core.room.RoomModeLink;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The one place that picks the node's {@link RoomBus} from its settings: the in-process bus on a
 * single node, NATS ({@code bus.url}, {@code --bus}) in a cluster, where new messages are also
 * refused, with the protocols' "try again", while NATS is unreachable.
 */
final class Buses {

    /**
     * What the node's chat service is built on.
     *
     * @param bus the room bus
     * @param events the event log to append to: the store's, guarded in a cluster
     * @param up whether the bus can carry events now (always, on a single node)
     * @param connection what to close when the server stops
     * @param lease the node's lease on life in a cluster (null on a single node)
     * @param link what the nodes tell each other about users online (null on a single node)
     * @param modes what the nodes tell each other about rooms' modes ({@link RoomModeLink#NONE} on a single node)
     */
    record NodeBus(RoomBus bus, EventLog events, BooleanSupplier up, AutoCloseable connection, NodeWatch lease,
            PresenceLink link, RoomModeLink modes) {

        /**
         * The node's presence: on a cluster node with a lease, names are held across the
         * cluster in the store's directory and reached through the link; else this node's own.
         */
        Presence presence(RegisteredNames names, Store store) {
            if (lease == null || link == null || store.presence().isEmpty()) {
                return new Presence(names);
            }
            return new Presence(names, store.presence().get(), link);
        }

        /** In a cluster, looks for dead nodes from now on and announces their users through {@code chat}. */
        void watch(ChatService chat) {
            if (lease != null) {
                lease.watch(chat);
            }
        }

        /** Closes the bus's connection, if it has one. */
        void close() {
            if (lease != null) {
                lease.close();
            }
            try {
                connection.close();
            } catch (Exception e) {
                // Nothing is lost: every event is in the store.
            }
        }
    }

    private Buses() {}

    /**
     * The bus {@code config} names. On a single node it delivers on the store's thread, in the
     * log's callback, and completes the stages waiting for deliveries on {@code fanOut}, so no
     * continuation runs on the store's thread; in a cluster it delivers and completes on
     * {@code fanOut}. Blocks while it connects: call at start-up. Fails in one line naming the URL
     * and the fix.
     */
    static NodeBus open(ServerConfig config, Executor fanOut, Store store) throws StartupException {
        ServerConfig.ClusterSettings cluster = config.cluster();
        if (!cluster.clustered()) {
            return new NodeBus(new LocalRoomBus(fanOut), store.events(), () -> true, () -> { }, null, null,
                    RoomModeLink.NONE);
        }
        NatsRoomBus bus;
        BusSettings settings = new BusSettings(cluster.busUrl(), cluster.node(), cluster.subjectPrefix(),
                BusSettings.DEFAULT_GAP_WAIT, BusSettings.DEFAULT_CONNECT_TIMEOUT);
        try {
            bus = NatsRoomBus.connect(settings, fanOut, store.replay());
        } catch (BusUnavailableException e) {
            throw new StartupException(e.getMessage());
        }
        NodeWatch lease = null;
        if (store.leases().isPresent()) {
            try {
                lease = NodeWatch.begin(cluster.node(), store.leases().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                bus.close();
                throw new StartupException("interrupted while taking node " + cluster.node() + "'s lease");
            } catch (RuntimeException e) {
                bus.close();
                throw new StartupException("cannot take node " + cluster.node() + "'s lease in the store: " + e.getMessage());
            }
        }
        return new NodeBus(bus, new BusGuardedEventLog(store.events(), bus::isConnected), bus::isConnected, bus, lease,
                NatsPresenceLink.on(bus, settings), NatsRoomModeLink.on(bus, settings));
    }
}
