package io.parley.protocol.irc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code LIST <items>} asks for ({@code ELIST=CMNTU}; Modern IRC and InspIRCd's reading of
 * it). The items are comma-separated, and a channel is listed when it passes every condition
 * given:
 * <ul>
 *   <li>{@code #name}: that channel; {@code #c*n?} (M): channels whose name matches the mask;
 *       {@code !mask} (N): channels whose name does not. A channel is listed when it is named or
 *       matches one of the masks (if any names or masks are given) and matches no {@code !} mask;
 *   <li>{@code >n}, {@code <n} (U): more, fewer than n members (of every protocol);
 *   <li>{@code C>n}, {@code C<n} (C): created more, less than n minutes ago (the channel's
 *       creation is when an IRC user founded it or IRC first saw the room on this run, as 329);
 *   <li>{@code T>n}, {@code T<n} (T): topic set more, less than n minutes ago (a channel with no
 *       topic passes no T condition).
 * </ul>
 * An item that is none of these (a word without {@code #}, a malformed number) matches no
 * channel, so the reply is an empty list rather than an error. Immutable.
 */
final class IrcListFilter {

    /** What is known of one channel for filtering. */
    record Channel(String name, int members, Instant created, Instant topicSet) {}

    private final List<String> names = new ArrayList<>();
    private final List<String> masks = new ArrayList<>();
    private final List<String> notMasks = new ArrayList<>();
    private long moreMembers = -1;
    private long fewerMembers = Long.MAX_VALUE;
    private Duration createdBefore;
    private Duration createdWithin;
    private Duration topicBefore;
    private Duration topicWithin;
    private boolean impossible;

    private IrcListFilter() {}

    /** Everything: {@code LIST} without a parameter. */
    static IrcListFilter all() {
        return new IrcListFilter();
    }

    static IrcListFilter parse(String items) {
        IrcListFilter filter = new IrcListFilter();
        if (items == null) {
            return filter;
        }
        for (String item : items.split(",")) {
            if (!item.isEmpty()) {
                filter.read(item);
            }
        }
        return filter;
    }

    private void read(String item) {
        char first = item.charAt(0);
        if ((first == '>' || first == '<') && number(item.substring(1)).isPresent()) {
            long n = number(item.substring(1)).get();
            if (first == '>') {
                moreMembers = Math.max(moreMembers, n);
            } else {
                fewerMembers = Math.min(fewerMembers, n);
            }
        } else if ((first == 'C' || first == 'T' || first == 'c' || first == 't') && item.length() > 2
                && (item.charAt(1) == '>' || item.charAt(1) == '<') && number(item.substring(2)).isPresent()) {
            Duration minutes = Duration.ofMinutes(number(item.substring(2)).get());
            boolean more = item.charAt(1) == '>';
            if (Character.toUpperCase(first) == 'C') {
                if (more) {
                    createdBefore = minutes;
                } else {
                    createdWithin = minutes;
                }
            } else if (more) {
                topicBefore = minutes;
            } else {
                topicWithin = minutes;
            }
        } else if (first == '!' && item.length() > 1) {
            notMasks.add(item.substring(1));
        } else if (item.indexOf('*') >= 0 || item.indexOf('?') >= 0) {
            masks.add(item);
        } else if (IrcChannels.isChannel(item)) {
            names.add(item);
        } else {
            impossible = true;
        }
    }

    private static Optional<Long> number(String text) {
        return text.matches("[0-9]{1,9}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    /** The exact channel names asked for (looked up as rooms by the caller). */
    List<String> names() {
        return List.copyOf(names);
    }

    /**
     * Whether {@code channel} is listed; {@code named}: it is one of {@link #names()}'s rooms.
     * {@code now} is the server's clock.
     */
    boolean accepts(Channel channel, boolean named, Instant now) {
        if (impossible) {
            return false;
        }
        if (!names.isEmpty() || !masks.isEmpty()) {
            boolean matched = named || masks.stream().anyMatch(mask -> IrcMasks.matches(mask, channel.name()));
            if (!matched) {
                return false;
            }
        }
        if (notMasks.stream().anyMatch(mask -> IrcMasks.matches(mask, channel.name()))) {
            return false;
        }
        if (channel.members() <= moreMembers || channel.members() >= fewerMembers) {
            return false;
        }
        Duration age = Duration.between(channel.created(), now);
        if ((createdBefore != null && age.compareTo(createdBefore) <= 0)
                || (createdWithin != null && age.compareTo(createdWithin) >= 0)) {
            return false;
        }
        if (topicBefore != null || topicWithin != null) {
            if (channel.topicSet() == null) {
                return false;
            }
            Duration topicAge = Duration.between(channel.topicSet(), now);
            return (topicBefore == null || topicAge.compareTo(topicBefore) > 0)
                    && (topicWithin == null || topicAge.compareTo(topicWithin) < 0);
        }
        return true;
    }
}
