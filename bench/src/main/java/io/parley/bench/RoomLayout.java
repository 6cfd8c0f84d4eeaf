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

    RoomLayout(BenchSettings settings, int slow, int churners) {
        this.rooms = settings.rooms();
        int connections = settings.connections();
        int listenersEnd = connections - slow - churners;
        if (listenersEnd < settings.senders()) {
            throw new IllegalArgumentException(connections + " connections cannot hold " + settings.senders()
                    + " senders, " + slow + " slow consumers and " + churners + " churners");
        }
        ProtocolDriver driver = settings.protocol().driver();
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

    /** Deliveries owed to exact members, given how many messages each sender sent. */
    long expected(long[] sentBySender) {
        long expected = 0;
        for (int room = 0; room < rooms; room++) {
            for (int sender : sendersByRoom[room]) {
                expected += sentBySender[sender] * exactByRoom[room];
            }
        }
        return expected;
    }
}
