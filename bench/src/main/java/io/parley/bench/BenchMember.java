package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One simulated chat user: its name, room and role, its connection once open, and what it has
 * received. It is its connection's {@link DeliveryListener}.
 *
 * <p>Confined to its connection's event loop once connected; the futures may be read anywhere.
 */
final class BenchMember implements DeliveryListener {

    /** What a member does during a run. */
    enum Role {
        /** Sends on a schedule and must receive every message of its room (its own included). */
        SENDER(Receipts.Check.EXACT),
        /** Must receive every message of its room. */
        LISTENER(Receipts.Check.EXACT),
        /** Joins and leaves its room over and over; checked while it is a member. */
        CHURNER(Receipts.Check.WINDOW),
        /** Never reads once joined: the server should drop it; nothing is expected of it. */
        SLOW(Receipts.Check.NONE);

        final Receipts.Check check;

        Role(Receipts.Check check) {
            this.check = check;
        }
    }

    final int index;
    final String name;
    final int room;
    final Role role;
    final Receipts receipts;
    /** Completes when the member has joined its room the first time. */
    final CompletableFuture<Void> firstJoin = new CompletableFuture<>();
    /** Completes when its connection has closed, for any reason. */
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private final ProtocolDriver driver;
    private final Payload payload = new Payload();
    private Recorder recorder;
    private Channel channel;
    private long connectStartNanos;
    /** When its connection read the input being parsed (see {@link DeliveryListener#read}). */
    private long readNanos;
    private int roomRef;
    private long joinId;
    private byte[] messagePrefix;
    private Consumer<BenchMember> onJoined = member -> {};
    private Consumer<BenchMember> onLeft = member -> {};

    BenchMember(int index, int room, Role role, int senders, ProtocolDriver driver) {
        this.index = index;
        this.name = "m" + index;
        this.room = room;
        this.role = role;
        this.receipts = new Receipts(role.check, senders);
        this.driver = driver;
    }

    /** Called on the event loop when its connection is open: sends the join. */
    void connected(Channel openChannel, Recorder loopRecorder, long startNanos) {
        this.channel = openChannel;
        this.recorder = loopRecorder;
        this.connectStartNanos = startNanos;
        ByteBuf join = channel.alloc().buffer();
        driver.join(join, name, room);
        channel.writeAndFlush(join, channel.voidPromise());
    }

    /** Hooks for every later join and leave (a churning member's loop). Call before connecting. */
    void onMembership(Consumer<BenchMember> joined, Consumer<BenchMember> left) {
        this.onJoined = joined;
        this.onLeft = left;
    }

    Channel channel() {
        return channel;
    }

    /** Its event loop's recorder, once connected. */
    Recorder recorder() {
        return recorder;
    }

    /** Writes a request to leave the room; false when leaving means closing the connection. */
    boolean requestLeave() {
        ByteBuf leave = channel.alloc().buffer();
        if (!driver.leave(leave, name, roomRef, joinId)) {
            leave.release();
            return false;
        }
        channel.writeAndFlush(leave, channel.voidPromise());
        return true;
    }

    /** Writes a new join request on the open connection, after a leave. */
    void requestJoin() {
        ByteBuf join = channel.alloc().buffer();
        driver.join(join, name, room);
        channel.writeAndFlush(join, channel.voidPromise());
    }

    /** Appends one message with the given payload fields to {@code out}. */
    void writeMessage(ByteBuf out, int sender, long seq, long stampNanos, int size) {
        driver.writeMessage(out, messagePrefix, sender, seq, stampNanos, size);
    }

    @Override
    public void joined(int ref, long id) {
        roomRef = ref;
        joinId = id;
        messagePrefix = driver.messagePrefix(name, room, ref, id);
        receipts.joined();
        if (!firstJoin.isDone()) {
            recorder.joined(connectStartNanos, System.nanoTime());
            firstJoin.complete(null);
        }
        onJoined.accept(this);
    }

    @Override
    public void left() {
        receipts.left();
        onLeft.accept(this);
    }

    @Override
    public void read(long nanos) {
        readNanos = nanos;
    }

    @Override
    public void message(ByteBuf buf, int from, int to) {
        long now = readNanos;
        if (payload.parse(buf, from, to)) {
            recorder.delivered(receipts, payload, now);
        } else {
            recorder.other();
        }
        recorder.pollSenders(now);
    }

    @Override
    public void refused(String what) {
        recorder.refused(name + ": " + what);
        if (!firstJoin.isDone()) {
            firstJoin.completeExceptionally(new IllegalStateException(name + "'s join was refused: " + what));
        }
    }

    /** Called on the event loop when the connection has closed. */
    void disconnected() {
        receipts.left();
        if (!firstJoin.isDone()) {
            firstJoin.completeExceptionally(new IllegalStateException(name + "'s connection closed before it joined"));
        }
        closed.complete(null);
    }

    @Override
    public String toString() {
        return name + "(" + role + ", room " + room + ")";
    }
}
