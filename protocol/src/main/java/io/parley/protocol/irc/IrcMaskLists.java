package io.parley.protocol.irc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A channel's mask lists: bans {@code +b}, ban exceptions {@code +e} and invite exceptions
 * {@code +I} (Modern IRC's type A modes), each of at most {@link #MAX_ENTRIES} masks kept in the
 * order set, with who set them and when. What they decide together:
 * <ul>
 *   <li>banned (no join, no speaking without {@code +v}/{@code +o}): a plain {@code +b} matches and
 *       no plain {@code +e} does;
 *   <li>muted (no speaking without {@code +v}/{@code +o}, joining allowed): a {@code +b m:} mute
 *       matches and no {@code +e m:} does ({@link IrcExtbans});
 *   <li>invite-excepted (joins a {@code +i} channel without an INVITE): a {@code +I} matches.
 * </ul>
 * Masks are compared ignoring ASCII case, as {@link IrcMasks} does. Not thread-safe: its
 * {@link IrcChannelState} holds its lock around every call.
 */
final class IrcMaskLists {

    /** The list modes, as {@code CHANMODES} lists them first. */
    static final String MODES = "beI";
    /** The most entries one list holds ({@code MAXLIST=b:100,e:100,I:100}). */
    static final int MAX_ENTRIES = 100;

    /** One entry: the mask as listed (normalized), who set it (a source) and when. */
    record Entry(String mask, String setBy, Instant setAt) {}

    private final Map<Character, List<Entry>> lists = new TreeMap<>();

    void clear() {
        lists.clear();
    }

    List<Entry> entries(char list) {
        return List.copyOf(lists.getOrDefault(list, List.of()));
    }

    boolean isFull(char list) {
        return lists.getOrDefault(list, List.of()).size() >= MAX_ENTRIES;
    }

    /** Adds {@code mask} (normalized) to {@code list}; false if it was there already or the list is full. */
    boolean add(char list, String mask, String setBy, Instant at) {
        List<Entry> entries = lists.computeIfAbsent(list, l -> new ArrayList<>());
        if (entries.size() >= MAX_ENTRIES || entries.stream().anyMatch(entry -> IrcCasemapping.same(entry.mask(), mask))) {
            return false;
        }
        entries.add(new Entry(mask, setBy, at));
        return true;
    }

    /** Removes {@code mask} (ASCII case ignored) from {@code list}; the mask as it was listed, if it was there. */
    Optional<String> remove(char list, String mask) {
        List<Entry> entries = lists.getOrDefault(list, List.of());
        for (int i = 0; i < entries.size(); i++) {
            if (IrcCasemapping.same(entries.get(i).mask(), mask)) {
                return Optional.of(entries.remove(i).mask());
            }
        }
        return Optional.empty();
    }

    private boolean matches(char list, char type, String source) {
        return lists.getOrDefault(list, List.of()).stream().anyMatch(entry -> IrcExtbans.matches(entry.mask(), type, source));
    }

    /** A plain ban matches {@code source} and no plain ban exception does. */
    boolean banned(String source) {
        return matches('b', (char) 0, source) && !matches('e', (char) 0, source);
    }

    /** A mute ({@code +b m:}) matches {@code source} and no mute exception ({@code +e m:}) does. */
    boolean muted(String source) {
        return matches('b', IrcExtbans.MUTE, source) && !matches('e', IrcExtbans.MUTE, source);
    }

    /** An invite exception ({@code +I}) matches {@code source}. */
    boolean inviteExcepted(String source) {
        return matches('I', (char) 0, source);
    }
}
