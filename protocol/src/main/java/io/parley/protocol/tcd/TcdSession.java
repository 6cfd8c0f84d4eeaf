package io.parley.protocol.tcd;

import io.parley.core.account.NameClaim;
import io.parley.core.room.Room;
import io.parley.protocol.ChannelMember;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One TCD connection's state, shared by its handler and its event encoder.
 *
 * <p>Thread-safety: event-loop only.
 */
final class TcdSession {

    final ChannelMember member;
    /** The address the client dialled, as {@code IP}/{@code SERVER_IP} report it. */
    final String serverIp;
    /** The listening port, as {@code Port}/{@code PORT} report it. */
    final int port;
    /** The rooms this connection is in, by ref, in ascending order (DISCONNECT leaves them so). */
    final NavigableMap<Integer, Room> rooms = new TreeMap<>();
    // Requests run one at a time, so these hold at most an entry or two, and only while a join or
    // leave is in progress: each exists only then (null otherwise), since every idle connection
    // would carry them.
    /** The room name as the client sent it, for the JOINED reply of a join in progress. */
    private Map<Integer, String> joinReplies;
    /** The JOIN_ID the client sent, for the LEFT reply of a leave in progress. */
    private Map<Integer, String> leaveReplies;
    /** The hold on the name this connection chats under in each room, by ref. */
    private final Map<Integer, NameClaim> claims = new HashMap<>(2);
    /** Set by DISCONNECT (or an eviction): the connection is closing and takes no more requests. */
    boolean disconnecting;
    /** Set by the first recognised request (see {@link io.parley.protocol.SignedOn}). */
    boolean signedOn;

    TcdSession(ChannelMember member, String serverIp, int port) {
        this.member = member;
        this.serverIp = serverIp;
        this.port = port;
    }

    /** Records a room joined under the name {@code claim} holds. */
    void joined(Room room, NameClaim claim) {
        rooms.put(room.ref(), room);
        claims.put(room.ref(), claim);
    }

    /** Forgets room {@code ref} and gives its name back. */
    void left(int ref) {
        rooms.remove(ref);
        NameClaim claim = claims.remove(ref);
        if (claim != null) {
            claim.release();
        }
    }

    /** Forgets every room and gives every name back. */
    void leftAll() {
        rooms.clear();
        claims.values().forEach(NameClaim::release);
        claims.clear();
    }

    /** Whether the name this connection joined room {@code ref} with has since been registered. */
    boolean nameRevoked(int ref) {
        NameClaim claim = claims.get(ref);
        return claim != null && claim.revoked();
    }

    void expectJoinReply(int ref, String roomAsSent) {
        if (joinReplies == null) {
            joinReplies = new HashMap<>(2);
        }
        joinReplies.put(ref, roomAsSent);
    }

    /** The room name to put in a JOINED reply, or null when no JOIN asked for one. */
    String takeJoinReply(int ref) {
        if (joinReplies == null) {
            return null;
        }
        String roomAsSent = joinReplies.remove(ref);
        if (joinReplies.isEmpty()) {
            joinReplies = null;
        }
        return roomAsSent;
    }

    void expectLeaveReply(int ref, String joinIdAsSent) {
        if (leaveReplies == null) {
            leaveReplies = new HashMap<>(2);
        }
        leaveReplies.put(ref, joinIdAsSent);
    }

    /** The JOIN_ID to put in a LEFT reply, or null when the leave was not asked by LEAVE_CHATROOM. */
    String takeLeaveReply(int ref) {
        if (leaveReplies == null) {
            return null;
        }
        String joinIdAsSent = leaveReplies.remove(ref);
        if (leaveReplies.isEmpty()) {
            leaveReplies = null;
        }
        return joinIdAsSent;
    }
}
