package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who is reachable by name: one recipient per name, whatever its case; a new login replaces the
 * old; a name nobody owns is given up when it is registered.
 */
class PresenceTest {

    private final RegisteredNames names = new RegisteredNames(List.of("owner"));
    private final Presence presence = new Presence(names);

    @Test
    void aNameIsFoundWhateverItsCase() {
        RecordingRecipient alice = new RecordingRecipient("Alice");
        presence.enter(alice);

        assertThat(presence.find("ALICE")).containsSame(alice);
        assertThat(presence.find("bob")).isEmpty();
    }

    @Test
    void aNewLoginReplacesTheOldOneWhichIsTold() {
        RecordingRecipient first = new RecordingRecipient("alice");
        RecordingRecipient second = new RecordingRecipient("alice");
        presence.enter(first);

        presence.enter(second);

        assertThat(first.replaced).isEqualTo(1);
        assertThat(second.replaced).isZero();
        assertThat(presence.find("alice")).containsSame(second);
    }

    @Test
    void aReplacedLoginLeavingDoesNotEvictItsSuccessor() {
        RecordingRecipient first = new RecordingRecipient("alice");
        RecordingRecipient second = new RecordingRecipient("alice");
        presence.enter(first);
        presence.enter(second);

        presence.leave(first);

        assertThat(presence.find("alice")).containsSame(second);
        presence.leave(second);
        assertThat(presence.find("alice")).isEmpty();
    }

    @Test
    void theOthersAreListedSortedWithoutTheAsker() {
        presence.enter(new RecordingRecipient("carol"));
        presence.enter(new RecordingRecipient("Alice"));
        presence.enter(new RecordingRecipient("bob"));

        assertThat(presence.namesExcept("ALICE").toCompletableFuture()).isDone();
        assertThat(presence.namesExcept("ALICE").toCompletableFuture().join()).containsExactly("bob", "carol");
    }

    @Test
    void anUnownedNameIsRefusedWhenRegisteredLookalikeOrTaken() {
        assertThat(presence.enterUnowned(new RecordingRecipient("0WNER"))).as("looks like a registered name").isFalse();
        assertThat(presence.enterUnowned(new RecordingRecipient("carol"))).isTrue();

        assertThat(presence.enterUnowned(new RecordingRecipient("CAROL"))).as("someone is there").isFalse();
        assertThat(presence.find("carol")).isPresent();
    }

    @Test
    void registeringAnUnownedNameEvictsItsRecipientWhichIsTold() {
        RecordingRecipient carol = new RecordingRecipient("carol");
        presence.enterUnowned(carol);

        names.add("Carol");

        assertThat(carol.registered).containsExactly("Carol");
        assertThat(presence.find("carol")).isEmpty();
        RecordingRecipient owner = new RecordingRecipient("Carol");
        presence.enter(owner);
        assertThat(carol.replaced).as("evicted, not replaced").isZero();
        assertThat(presence.find("carol")).containsSame(owner);
    }

    @Test
    void leavingGivesAnUnownedNameBack() {
        RecordingRecipient carol = new RecordingRecipient("carol");
        presence.enterUnowned(carol);

        presence.leave(carol);

        assertThat(names.claimCount()).isZero();
        names.add("carol");
        assertThat(carol.registered).as("no longer told").isEmpty();
    }

    @Test
    void anUnownedNameIsRefusedWhileALineOrTcdUserChatsUnderItAndKeepsThemOut() {
        NameClaim lineUser = names.claim("dave", name -> { }).orElseThrow();
        assertThat(presence.enterUnowned(new RecordingRecipient("Dave"))).isFalse();
        lineUser.release();

        assertThat(presence.enterUnowned(new RecordingRecipient("Dave"))).isTrue();
        assertThat(names.claim("dave", name -> { })).as("a line user while an IRC nick holds the name").isEmpty();
    }
}
