package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who is logged in: one recipient per name, whatever its case; a new login replaces the old. */
class PresenceTest {

    private final Presence presence = new Presence();

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

        assertThat(presence.namesExcept("ALICE")).containsExactly("bob", "carol");
    }
}
