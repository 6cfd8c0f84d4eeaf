package io.parley.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Who is where in a run: member {@code i} is in room {@code i % rooms}; the first
 * {@code senders} members send (so senders are spread over the rooms too), then come the
 * listeners, the slow consumers and last the churners. Sender {@code s} is member {@code s}.
 * Immutable once built.
 */
final class RoomLayout {

    final List<BenchMember> members = new ArrayList<>();
    private final int rooms;
    private final int[][] sendersByRoom;
    private final long[] exactByRoom;
    /** Whether a sender receives its own messages (see {@link ProtocolDriver#echoes}). */
    private final boolean echoes;

    RoomLayout(BenchSettings settings, int slow, int churners) {
        this.rooms = settings.rooms();
        int connections = settings.connections();
        int listenersEnd = connections - slow - churners;
        if (listenersEnd < settings.senders()) {
            throw new IllegalArgumentException(connections + " connections cannot hold " + settings.senders()
                    + " senders, " + slow + " slow consumers and " + churners + " churners");
        }
        ProtocolDriver driver = settings.protocol().driver();
        echoes = driver.echoes();
        exactByRoom = new long[rooms];
        List<List<Integer>> senders = new ArrayList<>();
        for (int room = 0; room < rooms; room++) {
            senders.add(new ArrayList<>());
        }
        for (int i = 0; i < connections; i++) {
            BenchMember.Role role = i < settings.senders() ? BenchMember.Role.SENDER
                    : i < listenersEnd ? BenchMember.Role.LISTENER
                    : i < connections - churners ? BenchMember.Role.SLOW : BenchMember.Role.CHURNER;
            BenchMember member = new BenchMember(i, room(i), role, settings.senders(), driver);
            members.add(member);
            if (role.check == Receipts.Check.EXACT) {
                exactByRoom[member.room]++;
            }
            if (role == BenchMember.Role.SENDER) {
                senders.get(member.room).add(i);
            }
        }
        sendersByRoom = senders.stream().map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    int room(int member) {
        return member % rooms;
    }

    /** The sender indexes of {@code room}. */
    int[] senders(int room) {
        return sendersByRoom[room];
    }

    List<BenchMember> withRole(BenchMember.Role role) {
        return members.stream().filter(member -> member.role == role).toList();
    }

    /** The senders whose messages {@code member} receives: its room's, itself only if the server echoes. */
    int[] sendersHeardBy(BenchMember member) {
        int[] all = sendersByRoom[member.room];
        if (echoes || member.role != BenchMember.Role.SENDER) {
            return all;
        }
        return java.util.Arrays.stream(all).filter(sender -> sender != member.index).toArray();
    }

    /** Deliveries owed to exact members, given how many messages each sender sent. */
    long expected(long[] sentBySender) {
        long expected = 0;
        for (int room = 0; room < rooms; room++) {
            // A sender is an exact member of its room; without echo it is owed its room's others only.
            long receivers = echoes ? exactByRoom[room] : exactByRoom[room] - 1;
            for (int sender : sendersByRoom[room]) {
                expected += sentBySender[sender] * receivers;
            }
        }
        return expected;
    }
}
