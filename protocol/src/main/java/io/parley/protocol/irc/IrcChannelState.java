package io.parley.protocol.irc;

import io.parley.core.room.MemberRef;
import io.parley.core.room.RoomModes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One channel's IRC state, beside its core room: the flag modes ({@code C i m n s t}), the key
 * ({@code +k}), the limit ({@code +l}), the mask lists ({@code +b}, {@code +e}, {@code +I}:
 * {@link IrcMaskLists}), who has {@code +o} and
 * {@code +v} (by member, so a nick change keeps them) and who is invited.
 *
 * <p>Once a {@code MODE} has changed its flags, key, limit or lists, on this node or another, the
 * channel is <em>kept</em> ({@link #kept}): those are in the store ({@link IrcServer#storeModes}),
 * outlive a restart and the channel emptying, and its next founder joins under them. Operator and
 * voice status and invitations stay in this node's memory: a channel that empties, or a restart,
 * forgets them, and the next joiner of an empty channel is its operator (as an IRC channel starts
 * afresh when its last member leaves).
 *
 * <p>Thread-safe: every method holds this object's lock briefly; members on several event loops
 * read and change it.
 */
final class IrcChannelState {

    /** The flag modes a channel may have, in the order {@code 324} lists them. */
    static final String FLAGS = "Cimnst";
    /** What a channel founded by an IRC user starts with (as most servers: no messages from outside, ops set the topic). */
    static final String FOUNDED_FLAGS = "nt";
    /** What a room that no IRC user founded has: only its members speak in it, anyone in it sets the topic. */
    static final String SERVER_HELD_FLAGS = "n";
    /** The most bans a channel holds (and exceptions, and invite exceptions: {@code MAXLIST}). */
    static final int MAX_BANS = IrcMaskLists.MAX_ENTRIES;
    /** The longest key ({@code +k}) accepted, in characters (RFC 2812's is 23; servers take more). */
    static final int MAX_KEY_LENGTH = 32;

    /** Why a join is refused: the numeric and its text. */
    record Refusal(String numeric, String text) {}

    /** What is stored of a channel beside its lists: the flags set (in {@link #FLAGS} order), the key (null: none), the limit (0: none). */
    record Settings(String flags, String key, int limit) {}

    private final Instant created;
    private final Set<Character> flags = new TreeSet<>();
    private String key;
    private int limit;
    private final IrcMaskLists lists = new IrcMaskLists();
    private final Set<String> ops = new HashSet<>();
    private final Set<String> voices = new HashSet<>();
    /** Name keys ({@link IrcCasemapping#fold}) of the users invited; an invitation is used by one join. */
    private final Set<String> invited = new HashSet<>();
    /** Whether its settings and lists are in the store: a MODE changed them, or they were read from there. */
    private boolean kept;

    IrcChannelState(String flags, Instant created) {
        for (char flag : flags.toCharArray()) {
            this.flags.add(flag);
        }
        this.created = created;
    }

    /** A channel an IRC user founds: {@code +nt}, the founder {@code +o}. */
    static IrcChannelState founded(MemberRef founder, Instant now) {
        IrcChannelState state = new IrcChannelState(FOUNDED_FLAGS, now);
        state.setOp(founder, true);
        return state;
    }

    /** A room nobody founded on IRC (the lobby, a TCD room): {@code +n}, no operator. */
    static IrcChannelState serverHeld(Instant now) {
        return new IrcChannelState(SERVER_HELD_FLAGS, now);
    }

    /** Whether the channel's settings and lists are stored (see the class comment). */
    /** See {@link #changeMark}. */
    private long changes;
    private int storing;

    synchronized boolean kept() {
        return kept;
    }

    /** Marks the channel kept (its settings are being stored) and returns them as they are now. */
    synchronized Settings keep() {
        kept = true;
        return settings();
    }

    synchronized Settings settings() {
        StringBuilder set = new StringBuilder();
        for (char flag : FLAGS.toCharArray()) {
            if (flags.contains(flag)) {
                set.append(flag);
            }
        }
        return new Settings(set.toString(), key, limit);
    }

    /** Takes the flags, key and limit another node stored (flag letters it does not know are dropped). */
    synchronized void keep(Settings settings) {
        kept = true;
        flags.clear();
        for (char flag : settings.flags().toCharArray()) {
            if (FLAGS.indexOf(flag) >= 0) {
                flags.add(flag);
            }
        }
        key = settings.key();
        limit = Math.max(0, settings.limit());
    }

    /**
     * Where the channel's kept settings and lists are in their changes: a number that grows with
     * every change made here or heard from another node, or -1 while a change made here is being
     * stored. A read of the store begun at a mark may restore only if the mark still holds
     * ({@link #restoreIfUnchangedSince}): else it may be older than what this copy holds.
     */
    synchronized long changeMark() {
        return storing > 0 ? -1 : changes;
    }

    /** Another node's change was applied to this copy. */
    synchronized void changed() {
        changes++;
    }

    /** A change made here is being stored ({@code true}) or its storing ended ({@code false}). */
    synchronized void storing(boolean start) {
        storing += start ? 1 : -1;
        changes++;
    }

    /** {@link #restore}s the stored modes if nothing changed since {@code mark} was taken; whether it did. */
    synchronized boolean restoreIfUnchangedSince(long mark, RoomModes stored) {
        if (mark < 0 || mark != changes) {
            return false;
        }
        restore(stored);
        return true;
    }

    /** Takes the channel's stored settings and lists in place of its own. */
    synchronized void restore(RoomModes stored) {
        keep(new Settings(stored.flags(), stored.key(), stored.limit()));
        lists.clear();
        for (RoomModes.Entry entry : stored.entries()) {
            if (IrcMaskLists.MODES.indexOf(entry.list()) >= 0) {
                lists.add(entry.list(), entry.mask(), entry.setBy(), entry.setAt());
            }
        }
    }

    /**
     * A kept channel that emptied is founded again: its settings and lists stay, who was operator,
     * voiced or invited does not, and {@code founder} is its operator.
     */
    synchronized void refound(MemberRef founder) {
        ops.clear();
        voices.clear();
        invited.clear();
        ops.add(memberKey(founder));
    }

    static String memberKey(MemberRef member) {
        return member.node() + "/" + member.id();
    }

    Instant created() {
        return created;
    }

    // ---- flags, key, limit ----

    synchronized boolean has(char flag) {
        return flags.contains(flag);
    }

    /** Sets or clears a flag mode; whether that changed anything. */
    synchronized boolean setFlag(char flag, boolean on) {
        return on ? flags.add(flag) : flags.remove(flag);
    }

    synchronized String key() {
        return key;
    }

    /** Sets ({@code null} clears) the key; whether that changed anything. */
    synchronized boolean setKey(String newKey) {
        boolean changed = newKey == null ? key != null : !newKey.equals(key);
        key = newKey;
        return changed;
    }

    synchronized int limit() {
        return limit;
    }

    /** Sets ({@code 0} clears) the limit; whether that changed anything. */
    synchronized boolean setLimit(int newLimit) {
        boolean changed = limit != newLimit;
        limit = newLimit;
        return changed;
    }

    /**
     * The mode string and its parameters as {@code 324} shows them: {@code +klnt key 5}. The key
     * is shown only to members ({@code showKey}), as servers do; others see {@code *}.
     */
    synchronized List<String> modeParams(boolean showKey) {
        StringBuilder modes = new StringBuilder("+");
        List<String> params = new ArrayList<>();
        params.add(null);
        for (char flag : FLAGS.toCharArray()) {
            if (flags.contains(flag)) {
                modes.append(flag);
            }
            if (flag == 'i' && key != null) {
                // k and l come in alphabetical order with the flags: i k l m n s t
                modes.append('k');
                params.add(showKey ? key : "*");
            }
            if (flag == 'i' && limit > 0) {
                modes.append('l');
                params.add(Integer.toString(limit));
            }
        }
        params.set(0, modes.toString());
        return params;
    }

    // ---- bans, exceptions, invite exceptions ----

    /** The entries of the list mode {@code list} ({@code b}, {@code e} or {@code I}), in the order set. */
    synchronized List<IrcMaskLists.Entry> entries(char list) {
        return lists.entries(list);
    }

    /** Adds {@code mask} (normalized) to {@code list}; false if it was there already or the list is full. */
    synchronized boolean addEntry(char list, String mask, String setBy, Instant at) {
        return lists.add(list, mask, setBy, at);
    }

    synchronized boolean isListFull(char list) {
        return lists.isFull(list);
    }

    /** Removes {@code mask} from {@code list} (ASCII case ignored); the mask as it was listed, if it was there. */
    synchronized Optional<String> removeEntry(char list, String mask) {
        return lists.remove(list, mask);
    }

    /** Whether a user with this {@code nick!user@host} is banned (a ban matches, no ban exception does). */
    synchronized boolean isBanned(String source) {
        return lists.banned(source);
    }

    // ---- ops, voices ----

    synchronized boolean isOp(MemberRef member) {
        return ops.contains(memberKey(member));
    }

    synchronized boolean isVoiced(MemberRef member) {
        return voices.contains(memberKey(member));
    }

    /** Gives or takes {@code +o}; whether that changed anything. */
    synchronized boolean setOp(MemberRef member, boolean on) {
        return on ? ops.add(memberKey(member)) : ops.remove(memberKey(member));
    }

    /** Gives or takes {@code +v}; whether that changed anything. */
    synchronized boolean setVoice(MemberRef member, boolean on) {
        return on ? voices.add(memberKey(member)) : voices.remove(memberKey(member));
    }

    /** A member left: it keeps no status (a rejoin starts without {@code +o}/{@code +v}). */
    synchronized void forget(MemberRef member) {
        ops.remove(memberKey(member));
        voices.remove(memberKey(member));
    }

    /** {@code @}, {@code +}, both ({@code multi}: multi-prefix, highest first) or nothing. */
    synchronized String prefix(MemberRef member, boolean multi) {
        boolean op = isOp(member);
        boolean voice = isVoiced(member);
        if (multi) {
            return (op ? "@" : "") + (voice ? "+" : "");
        }
        return op ? "@" : voice ? "+" : "";
    }

    // ---- invitations, joins, speaking ----

    synchronized void invite(String nick) {
        invited.add(IrcCasemapping.fold(nick));
    }

    /**
     * Whether an IRC user may join now, and if not why ({@code 474}, {@code 473}, {@code 475},
     * {@code 471}). An invitation lets its user past {@code +b}, {@code +i} and {@code +l} (not
     * {@code +k}) and is used up by the join that takes it ({@link #joined}); an invite exception
     * ({@code +I}) lets a matching user past {@code +i} only.
     */
    synchronized Optional<Refusal> refusal(String source, String nick, String givenKey, int members) {
        boolean invitedHere = invited.contains(IrcCasemapping.fold(nick));
        if (!invitedHere && isBanned(source)) {
            return Optional.of(new Refusal(IrcNumerics.ERR_BANNEDFROMCHAN, "Cannot join channel (+b)"));
        }
        if (!invitedHere && flags.contains('i') && !lists.inviteExcepted(source)) {
            return Optional.of(new Refusal(IrcNumerics.ERR_INVITEONLYCHAN, "Cannot join channel (+i)"));
        }
        if (key != null && !key.equals(givenKey)) {
            return Optional.of(new Refusal(IrcNumerics.ERR_BADCHANNELKEY, "Cannot join channel (+k)"));
        }
        if (!invitedHere && limit > 0 && members >= limit) {
            return Optional.of(new Refusal(IrcNumerics.ERR_CHANNELISFULL, "Cannot join channel (+l)"));
        }
        return Optional.empty();
    }

    /** The user of {@code nick} joined: its invitation, if any, is used. */
    synchronized void joined(String nick) {
        invited.remove(IrcCasemapping.fold(nick));
    }

    /**
     * Whether an IRC user may say something here: {@code member} is in the room ({@code inRoom}),
     * with its {@code source}. {@code +n} keeps out those not in it, {@code +m} those without
     * {@code +v} or {@code +o}, a ban or a mute ({@code m:}) those without either.
     */
    synchronized boolean maySpeak(MemberRef member, boolean inRoom, String source) {
        boolean silenced = flags.contains('m') || lists.banned(source) || lists.muted(source);
        if (!inRoom) {
            return !flags.contains('n') && !silenced;
        }
        return isOp(member) || isVoiced(member) || !silenced;
    }

    /** Whether the user of {@code nick} has an invitation here not yet used (for {@code INVITE} without arguments). */
    synchronized boolean isInvited(String nick) {
        return invited.contains(IrcCasemapping.fold(nick));
    }
}
