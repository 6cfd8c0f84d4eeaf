package io.parley.protocol.account;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.parley.core.account.AccountRecord;
import io.parley.core.account.PrivateMessage;
import io.parley.core.account.Recipient;
import io.parley.core.room.Lobby;
import io.parley.core.room.Room;
import io.parley.core.text.NameKeys;
import io.parley.protocol.Addresses;
import io.parley.protocol.ChannelMember;
import io.parley.protocol.ClientAddress;
import io.parley.protocol.ConnectionMetrics;
import io.parley.protocol.SignedOn;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account connection: who it is, whether it is logged in, and what it can do to its
 * channel. Its states ({@link SessionState}) drive it; once logged in it is its user's
 * {@link Recipient} in the core's {@link io.parley.core.account.Presence}.
 *
 * <p>Thread-safety: its fields change on the connection's event loop only: a state whose store
 * or crypto work completes elsewhere hops back ({@link #onLoop}) before it changes the session.
 * The {@link Recipient} methods, {@link #name()}, {@link #send} and {@link #metrics} may be used
 * from any thread.
 */
final class AccountSession implements Recipient {

    private static final Logger log = LoggerFactory.getLogger(AccountSession.class);

    final AccountServices services;
    final ChannelMember member;
    /** What this connection counts; thread-safe. */
    final ConnectionMetrics metrics;
    /**
     * Runs a continuation on this connection's event loop: at once if it is already there, else
     * queued to it. States pass it to every continuation of store or crypto work that changes the
     * session or the state.
     */
    final Executor onLoop;
    private final Channel channel;
    /** The client's address as login budgets count it ({@link Addresses#origin}). */
    private final String address;
    private volatile String name = "";
    private volatile String nameKey = "";
    private volatile String publicKey;
    private Optional<AccountRecord> account = Optional.empty();
    private Room lobby;
    private long historySession;
    private boolean loggedIn;

    AccountSession(AccountServices services, ChannelMember member, Channel channel) {
        this.services = services;
        this.member = member;
        this.channel = channel;
        this.metrics = ConnectionMetrics.of(channel);
        this.address = Addresses.origin(ClientAddress.of(channel));
        this.onLoop = task -> {
            if (channel.eventLoop().inEventLoop()) {
                task.run();
            } else {
                channel.eventLoop().execute(task);
            }
        };
    }

    String address() {
        return address;
    }

    @Override
    public String name() {
        return name;
    }

    /** {@link #name()} folded ({@link NameKeys#key}), computed once. */
    String nameKey() {
        return nameKey;
    }

    /** The user's public key in wire form, or empty: then private messages to it go in clear. */
    @Override
    public Optional<String> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    /** Event-loop only. */
    void setPublicKey(String key) {
        requireLoop();
        this.publicKey = key;
    }

    Optional<AccountRecord> account() {
        return account;
    }

    /** The user this connection claims to be, and its stored account if it has one. Event-loop only. */
    void identify(String userName, Optional<AccountRecord> record) {
        requireLoop();
        this.name = record.map(AccountRecord::name).orElse(userName);
        this.nameKey = NameKeys.key(name);
        this.account = record;
        this.publicKey = record.flatMap(AccountRecord::publicKey).orElse(null);
    }

    Room lobby() {
        return lobby;
    }

    /**
     * Sends another user's private message, which this connection did not ask for: on the
     * slow-reader terms of {@link ChannelMember#push}, so a user who does not read is disconnected
     * rather than buffered for without end; counted as a message delivered. Any thread (the write
     * hops onto the event loop).
     */
    @Override
    public void deliver(PrivateMessage message) {
        member.pushMessage("D PM " + message.from() + (message.encrypted() ? " enc " : " text ") + message.body());
    }

    /** A newer login of this user took over: says so and closes, on the event loop. Any thread. */
    @Override
    public void replaced() {
        channel.eventLoop().execute(() -> sendAndClose("C BYE replaced by a new login"));
    }

    /** Nothing to do: an account session enters the presence as its registered name's owner, never unowned. */
    @Override
    public void nameRegistered(String registeredName) {}

    /** Sends a reply to this connection's own request. Any thread. */
    void send(String frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    /** This connection's outbound cap in bytes (its write-buffer high-water mark). Any thread. */
    int outboundCap() {
        return channel.config().getWriteBufferHighWaterMark();
    }

    /** Writes the frames in one flush; the future completes once the last is on the socket. */
    ChannelFuture sendAll(List<String> frames) {
        for (int i = 0; i < frames.size() - 1; i++) {
            channel.write(frames.get(i), channel.voidPromise());
        }
        return channel.writeAndFlush(frames.get(frames.size() - 1));
    }

    /**
     * Refuses a change made off the event loop (a continuation that forgot {@link #onLoop}): the
     * request fails with {@code C ERR 500} instead of racing the loop. A thread comparison.
     */
    private void requireLoop() {
        if (!channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("an account session changed off its event loop");
        }
    }

    void sendAndClose(String frame) {
        channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Logs the user in: joins lobby and starts the history session, then (back on the event loop)
     * replaces its previous session and welcomes it. A login that fails leaves the user logged out
     * and out of lobby. Event-loop only.
     */
    CompletionStage<SessionState> login() {
        return services.chat().rooms().open(Lobby.NAME)
                .thenCompose(room -> services.chat().join(room, member, name)
                        .thenCompose(before -> openHistory(room, before))
                        .thenApplyAsync(id -> welcome(room, id), onLoop));
    }

    /** Starts the history session of a user who has just joined {@code room}; leaves it again if that fails. */
    private CompletionStage<Long> openHistory(Room room, long before) {
        return services.history().openSession(name, before).whenComplete((id, failure) -> {
            if (failure != null) {
                services.chat().leave(room, member, name);
            }
        });
    }

    private SessionState welcome(Room room, long historyId) {
        requireLoop();
        lobby = room;
        historySession = historyId;
        loggedIn = true;
        services.presence().enter(this);
        SignedOn.fire(channel);
        send("C OK welcome " + name);
        return new Prompt(this);
    }

    /**
     * Ends a logged-in session: leaves the presence and lobby, and closes the history session.
     * Event-loop only.
     */
    CompletionStage<Void> logout() {
        if (!loggedIn) {
            return CompletableFuture.completedFuture(null);
        }
        loggedIn = false;
        services.presence().leave(this);
        return services.chat().leave(lobby, member, name)
                .thenCompose(last -> services.history().closeSession(historySession, last))
                .exceptionally(failure -> {
                    log.warn("Logging {} out did not complete: {}", name, failure.toString());
                    return null;
                });
    }
}
