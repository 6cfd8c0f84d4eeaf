package io.parley.protocol.irc;

import io.parley.core.room.MemberRef;
import io.parley.core.room.RoomModeLink;
import io.parley.core.room.RoomModes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What of a channel {@code MODE} change is kept, and how: every mode but {@code +o}/{@code +v}
 * (a member's status stays on its node) goes to the store as a {@link RoomModes.Change} and to
 * the other nodes as a {@link RoomModeLink.Notice}, which a node applies to its copy of the
 * channel. Socket-free and stateless.
 */
final class IrcStoredModes {

    /** Nobody is found by nick: a change from another node carries no {@code o}/{@code v}. */
    private static final IrcChannelModes.Members NOBODY = new IrcChannelModes.Members() {
        @Override
        public Optional<MemberRef> inRoom(String nick) {
            return Optional.empty();
        }

        @Override
        public boolean exists(String nick) {
            return false;
        }

        @Override
        public String nickOf(MemberRef member) {
            return member.name();
        }
    };

    private IrcStoredModes() {}

    /**
     * The part of an applied change ({@code +ob-v alice mask bob}) that is kept: the same without
     * {@code o} and {@code v} ({@code +b mask}); empty if nothing is left.
     */
    static List<String> kept(List<String> applied) {
        List<String> kept = new ArrayList<>();
        if (applied.isEmpty()) {
            return kept;
        }
        StringBuilder modes = new StringBuilder();
        char sign = 0;
        for (IrcModeChanges.Change change : parse(applied).changes()) {
            if (IrcChannelModes.MODES.prefix().indexOf(change.mode()) >= 0) {
                continue;
            }
            char wanted = change.add() ? '+' : '-';
            if (sign != wanted) {
                modes.append(wanted);
                sign = wanted;
            }
            modes.append(change.mode());
            if (change.argument() != null) {
                kept.add(change.argument());
            }
        }
        if (modes.length() == 0) {
            return List.of();
        }
        kept.add(0, modes.toString());
        return kept;
    }

    /**
     * The store's change for a kept change ({@link #kept}) of room {@code ref}, whose settings are
     * now {@code now}: only what the change set or cleared, so the store keeps what another node
     * changed at the same time. The {@code first} change stored of the channel also sets the flags,
     * key and limit it had before (those it was founded with, {@code +nt}), which no row holds yet.
     */
    static RoomModes.Change change(int ref, IrcChannelState.Settings now, boolean first, List<String> kept,
            String setBy, Instant at) {
        List<RoomModes.Entry> added = new ArrayList<>();
        List<RoomModes.Entry> removed = new ArrayList<>();
        StringBuilder set = new StringBuilder(first ? now.flags() : "");
        StringBuilder cleared = new StringBuilder();
        boolean keyChanged = first;
        int limit = first ? now.limit() : RoomModes.Change.LIMIT_UNCHANGED;
        for (IrcModeChanges.Change change : parse(kept).changes()) {
            char mode = change.mode();
            if (IrcMaskLists.MODES.indexOf(mode) >= 0) {
                if (change.argument() != null) {
                    (change.add() ? added : removed).add(new RoomModes.Entry(mode, change.argument(), setBy, at));
                }
            } else if (mode == 'k') {
                keyChanged = true;
            } else if (mode == 'l') {
                limit = now.limit();
            } else {
                (change.add() ? set : cleared).append(mode);
            }
        }
        return new RoomModes.Change(ref, set.toString(), cleared.toString(), keyChanged, keyChanged ? now.key() : null,
                limit, added, removed);
    }

    /** What the other nodes are told of the same change. */
    static RoomModeLink.Notice notice(int ref, IrcChannelState.Settings now, List<String> kept, String setBy, Instant at) {
        return new RoomModeLink.Notice(ref, setBy, at, kept, now.flags(), now.key(), now.limit());
    }

    /**
     * Applies another node's change to this node's copy of the channel: only what it changed (its
     * flags, key, limit and list entries with their setter and time), not that node's whole
     * settings, which would undo a change made here at the same time. A copy not kept yet (this
     * node has not stored or heard of a change of the channel's modes, so it holds what it guessed
     * when it opened the channel, e.g. server-held {@code +n} for a channel founded on that node
     * with {@code +nt}) takes that node's settings once, as the store's row starts from them too.
     */
    static void apply(IrcChannelState state, String channel, RoomModeLink.Notice notice) {
        boolean first = !state.kept();
        if (!notice.shown().isEmpty()) {
            IrcChannelModes.apply(state, channel, notice.shown().get(0), notice.shown().subList(1, notice.shown().size()),
                    true, NOBODY, notice.setBy(), notice.at());
        }
        if (first) {
            state.keep(new IrcChannelState.Settings(notice.flags(), notice.key(), notice.limit()));
        } else {
            state.keep();
        }
    }

    private static IrcModeChanges parse(List<String> applied) {
        return IrcModeChanges.parse(applied.get(0), applied.subList(1, applied.size()), IrcChannelModes.MODES);
    }
}
