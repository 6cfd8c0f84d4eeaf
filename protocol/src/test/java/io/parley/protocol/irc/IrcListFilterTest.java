package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link IrcListFilter}: LIST's ELIST conditions (M, N, U, C, T). */
class IrcListFilterTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    /** #old: 3 members, created 10 minutes ago, topic set 5 minutes ago. */
    private static final IrcListFilter.Channel OLD = new IrcListFilter.Channel("#old", 3, NOW.minus(Duration.ofMinutes(10)),
            NOW.minus(Duration.ofMinutes(5)));
    /** #new: 1 member, created 1 minute ago, no topic. */
    private static final IrcListFilter.Channel NEW = new IrcListFilter.Channel("#new", 1, NOW.minus(Duration.ofMinutes(1)), null);

    private static boolean lists(String items, IrcListFilter.Channel channel) {
        return IrcListFilter.parse(items).accepts(channel, false, NOW);
    }

    @Test
    void withoutItemsEveryChannelIsListed() {
        assertThat(IrcListFilter.parse(null).accepts(NEW, false, NOW)).isTrue();
        assertThat(IrcListFilter.all().accepts(OLD, false, NOW)).isTrue();
    }

    @Test
    void namesAndMasksSelectAndNotMasksLeaveOut() {
        assertThat(IrcListFilter.parse("#new").accepts(NEW, true, NOW)).isTrue();
        assertThat(IrcListFilter.parse("#new").accepts(OLD, false, NOW)).isFalse();
        assertThat(lists("#o*", OLD)).isTrue();
        assertThat(lists("*LD", OLD)).as("ASCII case ignored").isTrue();
        assertThat(lists("#o*", NEW)).isFalse();
        assertThat(lists("#o*,*ew", NEW)).isTrue();
        assertThat(lists("!#o*", NEW)).isTrue();
        assertThat(lists("!#o*", OLD)).isFalse();
    }

    @Test
    void memberCountsAreStrictBounds() {
        assertThat(lists(">1", OLD)).isTrue();
        assertThat(lists(">1", NEW)).isFalse();
        assertThat(lists("<3", OLD)).isFalse();
        assertThat(lists("<3", NEW)).isTrue();
        assertThat(lists(">0,<100", NEW)).isTrue();
    }

    @Test
    void creationAndTopicTimesAreMinutesAgo() {
        assertThat(lists("C>2", OLD)).isTrue();
        assertThat(lists("C>2", NEW)).isFalse();
        assertThat(lists("C<2", NEW)).isTrue();
        assertThat(lists("C<0", NEW)).isFalse();
        assertThat(lists("T>2", OLD)).isTrue();
        assertThat(lists("T<2", OLD)).isFalse();
        assertThat(lists("T<10", OLD)).isTrue();
        assertThat(lists("T>0", NEW)).as("no topic").isFalse();
    }

    @Test
    void anItemThatIsNoConditionListsNothing() {
        assertThat(lists("lobby", OLD)).isFalse();
        assertThat(lists(">x", OLD)).isFalse();
    }
}
