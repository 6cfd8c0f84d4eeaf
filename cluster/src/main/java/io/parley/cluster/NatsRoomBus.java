package io.parley.cluster;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.parley.core.room.RoomBus;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomLanes;
import io.parley.core.room.RoomReplay;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's room bus: NATS core pub/sub carries each committed event to the other nodes, one
 * subject per room ({@code <prefix>.room.<ref>}), and each node hands every room's events to its
 * members in sequence order, whatever order they arrive in ({@link RoomSequencer}).
 *
 * <p>The store of record, not NATS, is what must not lose anything: an event is published only
 * after the log made it durable, so a message NATS loses or delays (a slow consumer, a
 * reconnect) is read back from the store ({@link RoomReplay}) when the node sees a gap: a later
 * message waiting past {@link BusSettings#gapWait()}, or a reconnect, after which every room this
 * node has seen is read from its last delivered message on. Late duplicates are dropped by
 * sequence. Presence events store nothing: they are never read back (see {@link RoomSequencer}).
 *
 * <p>This node's own events are handed to its members directly (NATS does not echo them back),
 * through the same per-room order. While NATS is unreachable the bus reports
 * {@link #isConnected()} false (the server then refuses new messages with a "try again"), keeps
 * every connection and room, and jnats reconnects on its own; on reconnecting, the gaps are filled.
 *
 * <p>Thread-safe; {@link #publish} never blocks (a publish while disconnected waits in jnats'
 * reconnect buffer or is dropped, and the other nodes read it from the store).
 */
public final class NatsRoomBus implements RoomBus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatsRoomBus.class);
    /** How many messages one read from the store brings back. */
    static final int REPLAY_PAGE = 1000;

    private final BusSettings settings;
    private final RoomReplay replay;
    /**
     * The one lane's key: as in the local bus, every room's events go through one serial lane, so
     * this node's own events reach its members in the log's order across rooms too (a TCD
     * DISCONNECT's leaves in the order it made them). A room waiting for a gap never holds the
     * lane: its sequencer keeps what waits and the lane goes on.
     */
    private static final int ALL_ROOMS = 0;
    private final RoomLanes lanes;
    private final List<java.util.function.Consumer<RoomEvent>> nodes = new CopyOnWriteArrayList<>();
    /** Each room's order, by ref; touched only in the lane. */
    private final Map<Integer, RoomSequencer> rooms = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-bus-gaps");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Connection connection;
    private volatile boolean connected;
    /** Waiters for the connection to be up (true) or down (false); see {@link #untilConnected}. */
    private final List<Map.Entry<Boolean, java.util.concurrent.CompletableFuture<Void>>> waiters =
            new CopyOnWriteArrayList<>();

    private NatsRoomBus(BusSettings settings, Executor fanOut, RoomReplay replay) {
        this.settings = settings;
        this.replay = replay;
        this.lanes = new RoomLanes(fanOut);
    }

    /**
     * Connects to the NATS server {@code settings} names and subscribes to every room's subject;
     * delivers on {@code fanOut} and fills gaps from {@code replay}. Blocks until connected.
     *
     * @throws BusUnavailableException if the server cannot be reached now (one line, naming it)
     */
    public static NatsRoomBus connect(BusSettings settings, Executor fanOut, RoomReplay replay)
            throws BusUnavailableException {
        NatsRoomBus bus = new NatsRoomBus(settings, fanOut, replay);
        Options options = new Options.Builder()
                .server(settings.url())
                .connectionName("parley-" + settings.node())
                .noEcho() // this node delivers its own events directly
                .connectionTimeout(settings.connectTimeout())
                .maxReconnects(-1) // for ever: the node recovers on its own
                .reconnectWait(Duration.ofMillis(250))
                .connectionListener(bus::connectionEvent)
                .errorListener(bus.new Errors())
                .build();
        try {
            bus.connection = Nats.connect(options);
        } catch (IOException e) {
            bus.timer.shutdownNow();
            throw new BusUnavailableException("cannot reach the bus " + settings.shownUrl() + ": "
                    + reason(settings, e) + "; start nats-server there or give --bus nats://HOST:PORT of a running one", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bus.timer.shutdownNow();
            throw new BusUnavailableException("interrupted while connecting to the bus " + settings.shownUrl(), e);
        }
        bus.setConnected(true);
        Dispatcher dispatcher = bus.connection.createDispatcher(bus::received);
        // No limit on what waits in the dispatcher: the fan-out lanes take it at once anyway.
        dispatcher.setPendingLimits(-1, -1);
        dispatcher.subscribe(settings.subjectPrefix() + ".room.*");
        try {
            bus.connection.flush(settings.connectTimeout()); // the subscription is in place at the server
        } catch (Exception e) {
            bus.close();
            throw new BusUnavailableException("the bus " + settings.shownUrl() + " did not confirm the subscription: "
                    + reason(settings, e) + "; check that nats-server there is healthy", e);
        }
        log.info("Node {} is on the bus {} (subjects {}.room.*)", settings.node(), settings.shownUrl(),
                settings.subjectPrefix());
        return bus;
    }

    /** What went wrong, in one line and without the URL's user or password (jnats names its servers). */
    private static String reason(BusSettings settings, Exception e) {
        String text = String.valueOf(e.getMessage()).replace(settings.url(), settings.shownUrl());
        return text.replaceAll("\\s+", " ").strip();
    }

    /** The NATS connection, which the node's {@link NatsPresenceLink} shares. */
    Connection connection() {
        return connection;
    }

    /** Whether NATS is reachable now: while it is not, the node should accept no new messages. */
    public boolean isConnected() {
        return connected;
    }

    /** Completes once the connection is up ({@code up}) or down: for tests and tools that wait for it. */
    public java.util.concurrent.CompletableFuture<Void> untilConnected(boolean up) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        waiters.add(Map.entry(up, done));
        if (connected == up) {
            done.complete(null);
        }
        waiters.removeIf(waiter -> waiter.getValue().isDone());
        return done;
    }

    private void setConnected(boolean up) {
        connected = up;
        for (Map.Entry<Boolean, java.util.concurrent.CompletableFuture<Void>> waiter : waiters) {
            if (waiter.getKey() == up) {
                waiter.getValue().complete(null);
            }
        }
        waiters.removeIf(waiter -> waiter.getValue().isDone());
    }

    @Override
    public void subscribe(java.util.function.Consumer<RoomEvent> localDelivery) {
        nodes.add(localDelivery);
    }

    @Override
    public void publish(RoomEvent event, Runnable delivered) {
        int ref = event.room().ref();
        lanes.submit(ALL_ROOMS, () -> take(ref, new RoomSequencer.Pending(event, delivered)));
        try {
            connection.publish(subject(ref), EventCodec.encode(event));
        } catch (RuntimeException e) {
            // Disconnected with a full reconnect buffer, or closing: the others read it from the
            // store when they see the gap (or reconnect). Presence is lost for them (documented).
            log.warn("Could not publish an event of room {} to the bus: {}", ref, e.toString());
        }
    }

    private String subject(int ref) {
        return settings.subjectPrefix() + ".room." + ref;
    }

    /** A NATS message from another node, on jnats' dispatcher thread. */
    private void received(Message message) {
        RoomEvent event;
        try {
            event = EventCodec.decode(message.getData());
        } catch (IllegalArgumentException e) {
            log.warn("Dropped a malformed event on {}: {}", message.getSubject(), e.getMessage());
            return;
        }
        int ref = event.room().ref();
        lanes.submit(ALL_ROOMS, () -> take(ref, RoomSequencer.remote(event)));
    }

    /** In the lane: orders the event and delivers what is ready. */
    private void take(int ref, RoomSequencer.Pending pending) {
        RoomSequencer sequencer = rooms.computeIfAbsent(ref, key -> new RoomSequencer(pending.event().room()));
        for (RoomSequencer.Pending ready : sequencer.accept(pending)) {
            deliver(ready);
        }
        armGapTimer(ref, sequencer);
    }

    private void deliver(RoomSequencer.Pending ready) {
        try {
            for (java.util.function.Consumer<RoomEvent> node : nodes) {
                node.accept(ready.event());
            }
        } finally {
            ready.delivered().run();
        }
    }

    /** In the lane: if an event waits for a message, looks in the store after a short wait. */
    private void armGapTimer(int ref, RoomSequencer sequencer) {
        if (!sequencer.hasGap() || sequencer.timerArmed || sequencer.fetching) {
            return;
        }
        sequencer.timerArmed = true;
        try {
            timer.schedule(() -> lanes.submit(ALL_ROOMS, () -> {
                sequencer.timerArmed = false;
                if (sequencer.hasGap()) {
                    readFromStore(ref, sequencer);
                }
            }), settings.gapWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            sequencer.timerArmed = false; // closing
        }
    }

    /**
     * In the lane: reads the messages after the last one delivered from the store and
     * takes them like any arrival; goes on while pages come back full, then looks for a gap again.
     */
    private void readFromStore(int ref, RoomSequencer sequencer) {
        if (sequencer.fetching) {
            return;
        }
        sequencer.fetching = true;
        long after = sequencer.released();
        replay.messagesAfter(sequencer.room(), after, REPLAY_PAGE).whenComplete((found, error) ->
                lanes.submit(ALL_ROOMS, () -> {
                    sequencer.fetching = false;
                    if (error != null) {
                        // Retried after each gap wait: warned once per episode, not every time.
                        if (sequencer.failedReads++ == 0) {
                            log.warn("Could not read room {} after message {} from the store (retrying): {}", ref,
                                    after, error.toString());
                        }
                    } else {
                        sequencer.failedReads = 0;
                        for (RoomEvent.Posted posted : found) {
                            take(ref, RoomSequencer.remote(posted));
                        }
                        if (found.size() == REPLAY_PAGE) {
                            readFromStore(ref, sequencer);
                            return;
                        }
                    }
                    armGapTimer(ref, sequencer); // still a gap (the store failed, or lags): later
                }));
    }

    /** After a reconnect or a slow-consumer drop: every room this node has seen, read on from its last message. */
    private void catchUp() {
        for (Map.Entry<Integer, RoomSequencer> room : rooms.entrySet()) {
            int ref = room.getKey();
            RoomSequencer sequencer = room.getValue();
            lanes.submit(ALL_ROOMS, () -> readFromStore(ref, sequencer));
        }
    }

    private void connectionEvent(Connection source, ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED -> {
                if (connected) {
                    log.warn("Lost the bus {}: refusing new messages until it is back (reconnecting)", settings.shownUrl());
                }
                setConnected(false);
            }
            case RECONNECTED -> {
                // Read what was missed before taking messages again: the reads are queued in
                // the lane ahead of anything that arrives from now on.
                log.info("The bus {} is back: reading what was missed from the store", settings.shownUrl());
                catchUp();
                setConnected(true);
            }
            case RESUBSCRIBED -> catchUp(); // a message between the first read and the subscription
            case CLOSED -> setConnected(false);
            default -> { }
        }
    }

    /** Has the connection dropped and made again, as a server restart would: for tests. */
    void forceReconnectForTest() throws IOException, InterruptedException {
        connection.forceReconnect();
    }

    /** jnats' asynchronous errors. */
    private final class Errors implements ErrorListener {
        @Override
        public void slowConsumerDetected(Connection source, Consumer consumer) {
            log.warn("The bus dropped messages for this node (slow consumer): reading them from the store");
            catchUp();
        }

        @Override
        public void exceptionOccurred(Connection source, Exception exception) {
            log.debug("Bus connection error: {}", exception.toString());
        }

        @Override
        public void errorOccurred(Connection source, String error) {
            log.warn("The bus reported: {}", error);
        }
    }

    /**
     * Drops the NATS connection. Events still waiting for a gap to be filled are not delivered,
     * but their senders' callbacks run, so nothing waits for ever.
     */
    @Override
    public void close() {
        timer.shutdownNow();
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        setConnected(false);
        for (Map.Entry<Integer, RoomSequencer> room : rooms.entrySet()) {
            RoomSequencer sequencer = room.getValue();
            lanes.submit(ALL_ROOMS, () -> sequencer.abandon().forEach(Runnable::run));
        }
    }
}
