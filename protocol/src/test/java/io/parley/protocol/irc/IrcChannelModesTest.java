package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.MemberRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link IrcChannelModes} and {@link IrcChannelState}, without sockets: what a MODE changes, relays and answers. */
class IrcChannelModesTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private final MemberRef alice = new MemberRef("local", 1, "alice");
    private final MemberRef bob = new MemberRef("local", 2, "bob");
    private final MemberRef liner = new MemberRef("local", 3, "liner smith");
    private final Map<String, MemberRef> room = Map.of("alice", alice, "bob", bob, "`liner`20`smith", liner);

    private final IrcChannelModes.Members members = new IrcChannelModes.Members() {
        @Override
        public Optional<MemberRef> inRoom(String nick) {
            return room.entrySet().stream().filter(e -> IrcCasemapping.same(e.getKey(), nick)).map(Map.Entry::getValue).findFirst();
        }

        @Override
        public boolean exists(String nick) {
            return inRoom(nick).isPresent() || nick.equals("carol");
        }

        @Override
        public String nickOf(MemberRef member) {
            return IrcNicks.toNick(member.name());
        }
    };

    private IrcChannelModes.Outcome apply(IrcChannelState state, boolean privileged, String modes, String... args) {
        return IrcChannelModes.apply(state, "#c", modes, List.of(args), privileged, members, "alice!~a@h", NOW);
    }

    @Test
    void aFoundedChannelIsPlusNtWithItsFounderOpped() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        assertThat(state.modeParams(true)).containsExactly("+nt");
        assertThat(state.isOp(alice)).isTrue();
        assertThat(state.prefix(alice, true)).isEqualTo("@");
        assertThat(state.prefix(bob, true)).isEmpty();
        assertThat(IrcChannelState.serverHeld(NOW).modeParams(true)).containsExactly("+n");
    }

    @Test
    void changesAreRelayedOnlyWhenTheyChangeSomethingWithSignsMerged() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        IrcChannelModes.Outcome outcome = apply(state, true, "+ov-t+k", "bob", "BOB", "key1");
        assertThat(outcome.replies()).isEmpty();
        assertThat(outcome.applied()).containsExactly("+ov-t+k", "bob", "bob", "key1");
        assertThat(state.prefix(bob, true)).isEqualTo("@+");
        assertThat(state.prefix(bob, false)).isEqualTo("@");
        assertThat(apply(state, true, "+o-t", "bob").applied()).isEmpty();
        assertThat(state.modeParams(true)).containsExactly("+kn", "key1");
        assertThat(state.modeParams(false)).containsExactly("+kn", "*");
    }

    @Test
    void anotherProtocolsMemberCanBeVoicedUnderItsEscapedNick() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        assertThat(apply(state, true, "+v", "`LINER`20`smith").applied()).containsExactly("+v", "`liner`20`smith");
        assertThat(state.isVoiced(liner)).isTrue();
    }

    @Test
    void errorsCarryTheParametersClientsParse() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        assertThat(apply(state, false, "+o", "bob").replies())
                .containsExactly(List.of("482", "#c", "You're not a channel operator"));
        assertThat(apply(state, true, "+o", "carol").replies())
                .containsExactly(List.of("441", "carol", "#c", "They aren't on that channel"));
        assertThat(apply(state, true, "+o", "nobody").replies())
                .containsExactly(List.of("401", "nobody", "No such nick/channel"));
        assertThat(apply(state, true, "+Z").replies()).containsExactly(List.of("472", "Z", "is unknown mode char to me"));
        assertThat(apply(state, true, "+l", "-1").replies())
                .containsExactly(List.of("696", "#c", "l", "-1", "Invalid limit: a whole number from 1"));
        assertThat(apply(state, true, "+l").replies())
                .containsExactly(List.of("696", "#c", "l", "*", "You must specify a parameter for the l mode"));
        assertThat(apply(state, true, "+k", "a b").replies()).singleElement()
                .satisfies(reply -> assertThat(reply.subList(0, 4)).containsExactly("696", "#c", "k", "*"));
        assertThat(apply(state, true, "+k", "").applied()).isEmpty();
        assertThat(apply(state, true, "+k", "x".repeat(33)).applied()).isEmpty();
        assertThat(state.key()).isNull();
    }

    @Test
    void bansAreNormalizedListedAndRemovedWhateverTheirCase() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        assertThat(apply(state, true, "+b", "Bob").applied()).containsExactly("+b", "Bob!*@*");
        assertThat(apply(state, true, "+b", "bob!*@*").applied()).as("already there").isEmpty();
        assertThat(apply(state, false, "b").replies()).containsExactly(
                List.of("367", "#c", "Bob!*@*", "alice!~a@h", Long.toString(NOW.getEpochSecond())),
                List.of("368", "#c", "End of channel ban list"));
        assertThat(state.isBanned("BOB!~b@127.0.0.1")).isTrue();
        assertThat(state.maySpeak(bob, true, "bob!~b@127.0.0.1")).isFalse();
        assertThat(apply(state, true, "-b", "BOB!*@*").applied()).containsExactly("-b", "Bob!*@*");
        assertThat(state.isBanned("bob!~b@127.0.0.1")).isFalse();
    }

    @Test
    void theBanListIsBounded() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        for (int i = 0; i < IrcChannelState.MAX_BANS; i++) {
            apply(state, true, "+b", "n" + i);
        }
        assertThat(apply(state, true, "+b", "one-more").replies())
                .containsExactly(List.of("478", "#c", "b", "Channel ban list is full"));
    }

    @Test
    void joinsAreRefusedByBanInviteOnlyKeyAndLimitAndAnInvitationIsUsedOnce() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        apply(state, true, "+kl", "sesame", "2");
        assertThat(state.refusal("bob!~b@h", "bob", null, 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("475");
        assertThat(state.refusal("bob!~b@h", "bob", "sesame", 1)).isEmpty();
        assertThat(state.refusal("bob!~b@h", "bob", "sesame", 2)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("471");
        apply(state, true, "+ib", "bob");
        assertThat(state.refusal("bob!~b@h", "bob", "sesame", 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("474");
        assertThat(state.refusal("dan!~d@h", "dan", "sesame", 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("473");

        state.invite("DAN");
        assertThat(state.refusal("dan!~d@h", "dan", "sesame", 5)).as("past +i and +l, not +k").isEmpty();
        assertThat(state.refusal("dan!~d@h", "dan", null, 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("475");
        state.joined("dan");
        assertThat(state.refusal("dan!~d@h", "dan", "sesame", 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("473");
    }

    @Test
    void moderatedAndNoExternalDecideWhoSpeaks() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        assertThat(state.maySpeak(bob, false, "bob!~b@h")).as("+n").isFalse();
        assertThat(state.maySpeak(bob, true, "bob!~b@h")).isTrue();
        apply(state, true, "-n+m");
        assertThat(state.maySpeak(bob, true, "bob!~b@h")).as("+m").isFalse();
        assertThat(state.maySpeak(alice, true, "alice!~a@h")).as("ops speak").isTrue();
        apply(state, true, "+v", "bob");
        assertThat(state.maySpeak(bob, true, "bob!~b@h")).isTrue();
        apply(state, true, "-m");
        assertThat(state.maySpeak(bob, false, "bob!~b@h")).as("-n: from outside").isTrue();
        state.forget(bob);
        assertThat(state.prefix(bob, true)).isEmpty();
    }
}
