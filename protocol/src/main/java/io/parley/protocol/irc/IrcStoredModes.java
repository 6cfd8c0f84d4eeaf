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

    /** The store's change for a kept change ({@link #kept}) of room {@code ref}, whose settings are now {@code now}. */
    static RoomModes.Change change(int ref, IrcChannelState.Settings now, List<String> kept, String setBy, Instant at) {
        List<RoomModes.Entry> added = new ArrayList<>();
        List<RoomModes.Entry> removed = new ArrayList<>();
        for (IrcModeChanges.Change change : parse(kept).changes()) {
            if (IrcMaskLists.MODES.indexOf(change.mode()) >= 0 && change.argument() != null) {
                (change.add() ? added : removed).add(new RoomModes.Entry(change.mode(), change.argument(), setBy, at));
            }
        }
        return new RoomModes.Change(ref, now.flags(), now.key(), now.limit(), added, removed);
    }

    /** What the other nodes are told of the same change. */
    static RoomModeLink.Notice notice(int ref, IrcChannelState.Settings now, List<String> kept, String setBy, Instant at) {
        return new RoomModeLink.Notice(ref, setBy, at, kept, now.flags(), now.key(), now.limit());
    }

    /**
     * Applies another node's change to this node's copy of the channel: its list entries (with
     * their setter and time), then its flags, key and limit as that node stored them.
     */
    static void apply(IrcChannelState state, String channel, RoomModeLink.Notice notice) {
        if (!notice.shown().isEmpty()) {
            IrcChannelModes.apply(state, channel, notice.shown().get(0), notice.shown().subList(1, notice.shown().size()),
                    true, NOBODY, notice.setBy(), notice.at());
        }
        state.keep(new IrcChannelState.Settings(notice.flags(), notice.key(), notice.limit()));
    }

    private static IrcModeChanges parse(List<String> applied) {
        return IrcModeChanges.parse(applied.get(0), applied.subList(1, applied.size()), IrcChannelModes.MODES);
    }
}
