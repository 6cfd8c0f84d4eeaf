package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.MemberRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ban exceptions, invite exceptions and mutes: {@link IrcMaskLists}, {@link IrcExtbans} and what MODE does with them. */
class IrcMaskListsTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private final MemberRef alice = new MemberRef("local", 1, "alice");
    private final MemberRef bob = new MemberRef("local", 2, "bob");

    private final IrcChannelModes.Members members = new IrcChannelModes.Members() {
        @Override
        public Optional<MemberRef> inRoom(String nick) {
            return IrcCasemapping.same(nick, "bob") ? Optional.of(bob) : Optional.empty();
        }

        @Override
        public boolean exists(String nick) {
            return inRoom(nick).isPresent();
        }

        @Override
        public String nickOf(MemberRef member) {
            return member.name();
        }
    };

    private IrcChannelModes.Outcome apply(IrcChannelState state, boolean privileged, String modes, String... args) {
        return IrcChannelModes.apply(state, "#c", modes, List.of(args), privileged, members, "alice!~a@h", NOW);
    }

    @Test
    void extbansKeepTheirTypeLowerCaseAndNormalizeTheirMask() {
        assertThat(IrcExtbans.normalize("M:bar")).isEqualTo("m:bar!*@*");
        assertThat(IrcExtbans.normalize("bar")).isEqualTo("bar!*@*");
        assertThat(IrcExtbans.normalize("x:bar")).as("an unknown type is a plain mask").isEqualTo("x:bar!*@*");
        assertThat(IrcExtbans.matches("m:*!*evan@*", 'm', "qux!~evan@127.0.0.1")).isTrue();
        assertThat(IrcExtbans.matches("m:*!*evan@*", (char) 0, "qux!~evan@127.0.0.1")).isFalse();
        assertThat(IrcExtbans.matches("*!*evan@*", 'm', "qux!~evan@127.0.0.1")).isFalse();
    }

    @Test
    void aBanExceptionLetsAMatchingUserJoinAndSpeak() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        assertThat(apply(state, true, "+be", "ba*", "*ar").applied()).containsExactly("+be", "ba*!*@*", "*ar!*@*");
        assertThat(state.refusal("bar!~b@h", "bar", null, 1)).isEmpty();
        assertThat(state.maySpeak(bob, true, "bar!~b@h")).isTrue();
        assertThat(state.refusal("baz!~b@h", "baz", null, 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("474");
        assertThat(state.maySpeak(bob, true, "baz!~b@h")).isFalse();
        assertThat(apply(state, true, "-e", "*AR!*@*").applied()).containsExactly("-e", "*ar!*@*");
        assertThat(state.refusal("bar!~b@h", "bar", null, 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("474");
    }

    @Test
    void anInviteExceptionLetsAMatchingUserPastInviteOnlyButNotPastABanOrAKey() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        apply(state, true, "+iI", "bar");
        assertThat(state.refusal("bar!~b@h", "bar", null, 1)).isEmpty();
        assertThat(state.refusal("baz!~b@h", "baz", null, 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("473");
        apply(state, true, "+k", "sesame");
        assertThat(state.refusal("bar!~b@h", "bar", null, 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("475");
        apply(state, true, "-k+b", "*", "bar");
        assertThat(state.refusal("bar!~b@h", "bar", null, 1)).get().extracting(IrcChannelState.Refusal::numeric).isEqualTo("474");
    }

    @Test
    void aMuteSilencesWithoutKeepingOutAndVoiceOrAMuteExceptionLiftsIt() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        assertThat(apply(state, true, "+b", "m:BAR").applied()).containsExactly("+b", "m:BAR!*@*");
        assertThat(state.refusal("bar!~b@h", "bar", null, 1)).as("a mute does not keep out").isEmpty();
        assertThat(state.maySpeak(bob, true, "bar!~b@h")).isFalse();
        apply(state, true, "+e", "bar");
        assertThat(state.maySpeak(bob, true, "bar!~b@h")).as("a plain exception does not lift a mute").isFalse();
        apply(state, true, "+e", "m:*!~b@*");
        assertThat(state.maySpeak(bob, true, "bar!~b@h")).isTrue();
        apply(state, true, "-e+v", "m:*!~b@*", "bob");
        assertThat(state.maySpeak(bob, true, "bar!~b@h")).isTrue();
        apply(state, true, "-v", "bob");
        assertThat(state.maySpeak(bob, true, "bar!~b@h")).isFalse();
        assertThat(apply(state, true, "-b", "m:bar!*@*").applied()).containsExactly("-b", "m:BAR!*@*");
        assertThat(state.maySpeak(bob, true, "bar!~b@h")).isTrue();
    }

    @Test
    void theExceptionListsAreListedToOperatorsWithTheirNumerics() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        apply(state, true, "+eI", "a", "b");
        String at = Long.toString(NOW.getEpochSecond());
        assertThat(apply(state, true, "eI").replies()).containsExactly(
                List.of("348", "#c", "a!*@*", "alice!~a@h", at), List.of("349", "#c", "End of channel exception list"),
                List.of("346", "#c", "b!*@*", "alice!~a@h", at), List.of("347", "#c", "End of channel invite exception list"));
        assertThat(apply(state, false, "e").replies()).containsExactly(List.of("482", "#c", "You're not a channel operator"));
        assertThat(apply(state, false, "b").replies()).containsExactly(List.of("368", "#c", "End of channel ban list"));
    }

    @Test
    void eachListIsBoundedOnItsOwn() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        for (int i = 0; i < IrcMaskLists.MAX_ENTRIES; i++) {
            apply(state, true, "+e", "n" + i);
        }
        assertThat(apply(state, true, "+e", "one-more").replies())
                .containsExactly(List.of("478", "#c", "e", "Channel exception list is full"));
        assertThat(apply(state, true, "+I", "one-more").applied()).containsExactly("+I", "one-more!*@*");
    }

    @Test
    void noCtcpRefusesEveryCtcpButAction() {
        IrcChannelState state = IrcChannelState.founded(alice, NOW);
        assertThat(IrcCtcp.allowedIn(state, "\u0001PING 1\u0001")).isTrue();
        assertThat(apply(state, true, "+C").applied()).containsExactly("+C");
        assertThat(state.modeParams(true)).containsExactly("+Cnt");
        assertThat(IrcCtcp.allowedIn(state, "\u0001PING 1\u0001")).isFalse();
        assertThat(IrcCtcp.allowedIn(state, "\u0001VERSION\u0001")).isFalse();
        assertThat(IrcCtcp.allowedIn(state, "\u0001ACTION waves\u0001")).isTrue();
        assertThat(IrcCtcp.allowedIn(state, "plain text")).isTrue();
    }
}
