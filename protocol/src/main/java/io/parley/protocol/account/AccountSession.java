package io.parley.protocol.account;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.parley.core.account.AccountRecord;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.Room;
import io.parley.protocol.Addresses;
import io.parley.protocol.ChannelMember;
import io.parley.protocol.ConnectionMetrics;
import io.parley.protocol.Registered;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account connection: who it is, whether it is logged in, and what it can do to its
 * channel. Its states ({@link SessionState}) drive it.
 *
 * <p>Thread-safety: its fields change on the connection's event loop; {@link #push},
 * {@link #publicKey()} and {@link #name()} may be used by other sessions from any thread.
 */
final class AccountSession {

    private static final Logger log = LoggerFactory.getLogger(AccountSession.class);

    final AccountServices services;
    final ChannelMember member;
    /** What this connection counts; thread-safe. */
    final ConnectionMetrics metrics;
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
        this.address = Addresses.origin(channel.remoteAddress());
    }

    String address() {
        return address;
    }

    String name() {
        return name;
    }

    /** {@link #name()} folded ({@link io.parley.core.account.RegisteredNames#key}), computed once. */
    String nameKey() {
        return nameKey;
    }

    /** The user's public key in wire form, or null: then private messages to it go in clear. */
    String publicKey() {
        return publicKey;
    }

    void setPublicKey(String key) {
        this.publicKey = key;
    }

    Optional<AccountRecord> account() {
        return account;
    }

    /** The user this connection claims to be, and its stored account if it has one. */
    void identify(String userName, Optional<AccountRecord> record) {
        this.name = record.map(AccountRecord::name).orElse(userName);
        this.nameKey = RegisteredNames.key(name);
        this.account = record;
        this.publicKey = record.flatMap(AccountRecord::publicKey).orElse(null);
    }

    Room lobby() {
        return lobby;
    }

    /**
     * Sends a frame this connection did not ask for (another user's private message): on the
     * slow-reader terms of {@link ChannelMember#push}, so a user who does not read is disconnected
     * rather than buffered for without end; counted as a message delivered. Any thread.
     */
    void push(String frame) {
        member.pushMessage(frame);
    }

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

    void sendAndClose(String frame) {
        channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Logs the user in: joins lobby and starts the history session, then replaces its previous
     * session and welcomes it. A login that fails leaves the user logged out and out of lobby.
     */
    CompletionStage<SessionState> login() {
        return services.chat().rooms().open(AccountServices.LOBBY)
                .thenCompose(room -> services.chat().join(room, member, name)
                        .thenCompose(before -> openHistory(room, before))
                        .thenApply(id -> welcome(room, id)));
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
        lobby = room;
        historySession = historyId;
        loggedIn = true;
        services.online().register(this).ifPresent(AccountSession::replaced);
        Registered.fire(channel);
        send("C OK welcome " + name);
        return new Prompt(this);
    }

    /** Ends a logged-in session: leaves the online list and lobby, and closes the history session. */
    CompletionStage<Void> logout() {
        if (!loggedIn) {
            return CompletableFuture.completedFuture(null);
        }
        loggedIn = false;
        services.online().remove(this);
        return services.chat().leave(lobby, member, name)
                .thenCompose(last -> services.history().closeSession(historySession, last))
                .exceptionally(failure -> {
                    log.warn("Logging {} out did not complete: {}", name, failure.toString());
                    return null;
                });
    }

    private void replaced() {
        channel.eventLoop().execute(() -> sendAndClose("C BYE replaced by a new login"));
    }
}
