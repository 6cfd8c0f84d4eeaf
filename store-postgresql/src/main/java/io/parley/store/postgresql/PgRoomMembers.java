package io.parley.store.postgresql;

import io.parley.core.room.RoomEvent;
import io.parley.core.room.MemberRef;
import io.parley.store.JdbcEventLog;
import io.parley.store.JdbcRoomStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Who is in which room, in {@code room_members}, written by the event log in the transaction that
 * places a join or leave: on a cluster node (one whose lease has begun,
 * {@link PostgresStore#life}) a join lists its member, and any leave takes it off, so that the
 * members of a node that dies can be announced as gone by the one that claims its lease
 * ({@link PgNodeLeases}). Writing thread only.
 */
final class PgRoomMembers implements JdbcEventLog.Members, JdbcRoomStore.OtherNodesMembers {

    private static final String MEMBER_IN = "INSERT INTO room_members (room_ref, node, member_id, life, name)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (room_ref, node, member_id)"
            + " DO UPDATE SET life = EXCLUDED.life, name = EXCLUDED.name";
    private static final String MEMBER_OUT = "DELETE FROM room_members WHERE room_ref = ? AND node = ? AND member_id = ?";

    private final PostgresStore store;

    PgRoomMembers(PostgresStore store) {
        this.store = store;
    }

    @Override
    public void joined(Connection connection, RoomEvent.Joined joined) throws SQLException {
        long life = store.life();
        if (life <= 0) {
            return; // not a cluster node: nobody will need to announce its members
        }
        try (PreparedStatement insert = connection.prepareStatement(MEMBER_IN)) {
            insert.setInt(1, joined.room().ref());
            insert.setString(2, joined.member().node());
            insert.setLong(3, joined.member().id());
            insert.setLong(4, life);
            insert.setString(5, joined.name());
            insert.executeUpdate();
        }
    }

    @Override
    public void left(Connection connection, RoomEvent.Left left) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(MEMBER_OUT)) {
            delete.setInt(1, left.room().ref());
            delete.setString(2, left.member().node());
            delete.setLong(3, left.member().id());
            delete.executeUpdate();
        }
    }

    /**
     * The members other nodes listed in the room (what a node opening the room shows first), of
     * lives whose lease still runs: a node that died is not shown as present while its lease waits
     * to be claimed and its members announced gone, nor is one that stopped (its lease is gone).
     */
    private static final String MEMBERS_OF = "SELECT m.node, m.member_id, m.name FROM room_members m"
            + " WHERE m.room_ref = ? AND m.node <> ?"
            + " AND EXISTS (SELECT 1 FROM node_leases l WHERE l.life = m.life AND l.expires_at > now())";

    @Override
    public CompletionStage<List<MemberRef>> membersOf(int ref) {
        return store.read(connection -> {
            List<MemberRef> members = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(MEMBERS_OF)) {
                select.setInt(1, ref);
                select.setString(2, store.node());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        members.add(new MemberRef(rows.getString(1), rows.getLong(2), rows.getString(3)));
                    }
                }
            }
            return members;
        });
    }
}
