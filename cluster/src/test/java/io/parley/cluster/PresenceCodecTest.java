package io.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.account.PrivateMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What nodes of adjacent versions send each other on the presence link: every subject round-trips;
 * a message of the next version (fields appended, its subject's version one up) is read as far as
 * this node knows it; and what the release before wrote (version 1 on every subject) is read too.
 */
class PresenceCodecTest {

    private static final PrivateMessage MESSAGE = new PrivateMessage(42, Instant.ofEpochSecond(1_700_000_000, 123_000_000),
            "ivan", "g:7", "judy", "", true, "ciphertext with ünïcode\nand a newline");

    @Test
    void eachSubjectRoundTrips() throws IOException {
        assertThat(PresenceCodec.privateMessage(PresenceCodec.privateMessage(MESSAGE))).isEqualTo(MESSAGE);
        assertThat(PresenceCodec.replaced(PresenceCodec.replaced("Kim", 9))).isEqualTo(new PresenceCodec.Replaced("Kim", 9));
        assertThat(PresenceCodec.registered(PresenceCodec.registered("Dora"))).isEqualTo("Dora");
        assertThat(PresenceCodec.comingAndGoing(PresenceCodec.comingAndGoing("b", "Zoë", true)))
                .isEqualTo(new PresenceCodec.ComingAndGoing("b", "Zoë", true));
    }

    @Test
    void aMessageOfTheNextVersionIsReadAsFarAsThisNodeKnowsIt() throws IOException {
        assertThat(PresenceCodec.privateMessage(nextVersion(PresenceCodec.privateMessage(MESSAGE)))).isEqualTo(MESSAGE);
        assertThat(PresenceCodec.replaced(nextVersion(PresenceCodec.replaced("Kim", 9))))
                .isEqualTo(new PresenceCodec.Replaced("Kim", 9));
        assertThat(PresenceCodec.registered(nextVersion(PresenceCodec.registered("Dora")))).isEqualTo("Dora");
        assertThat(PresenceCodec.comingAndGoing(nextVersion(PresenceCodec.comingAndGoing("b", "Zoë", false))))
                .isEqualTo(new PresenceCodec.ComingAndGoing("b", "Zoë", false));
    }

    @Test
    void whatTheReleaseBeforeWroteIsReadOnEverySubject() throws IOException {
        // Version 1: one version byte for every subject, and a private message without id or guests.
        byte[] pm = PresenceCodec.write((byte) 1, out -> {
            out.writeLong(MESSAGE.time().getEpochSecond());
            out.writeInt(MESSAGE.time().getNano());
            WireStrings.write(out, "ivan");
            WireStrings.write(out, "judy");
            out.writeBoolean(false);
            WireStrings.write(out, "hello");
        });
        assertThat(PresenceCodec.privateMessage(pm))
                .isEqualTo(new PrivateMessage(0, MESSAGE.time(), "ivan", "", "judy", "", false, "hello"));
        assertThat(PresenceCodec.hasGuestTokens(pm)).as("its empty guest token is no account's: delivered by name").isFalse();
        assertThat(PresenceCodec.hasGuestTokens(PresenceCodec.privateMessage(MESSAGE))).isTrue();
        assertThat(PresenceCodec.hasGuestTokens(nextVersion(PresenceCodec.privateMessage(MESSAGE)))).isTrue();
        byte[] replaced = PresenceCodec.write((byte) 1, out -> {
            WireStrings.write(out, "Kim");
            out.writeLong(9);
        });
        assertThat(PresenceCodec.replaced(replaced)).isEqualTo(new PresenceCodec.Replaced("Kim", 9));
        assertThat(PresenceCodec.registered(PresenceCodec.write((byte) 1, out -> WireStrings.write(out, "Dora"))))
                .isEqualTo("Dora");
    }

    @Test
    void aTruncatedOrUnversionedMessageIsRefused() {
        byte[] whole = PresenceCodec.replaced("Kim", 9);
        assertThatThrownBy(() -> PresenceCodec.replaced(Arrays.copyOf(whole, whole.length - 3))).isInstanceOf(IOException.class);
        byte[] unversioned = whole.clone();
        unversioned[0] = 0;
        assertThatThrownBy(() -> PresenceCodec.replaced(unversioned)).isInstanceOf(IOException.class);
    }

    /** {@code value} as the next version would write it: its version one up, a field appended. */
    private static byte[] nextVersion(byte[] value) {
        byte[] next = Arrays.copyOf(value, value.length + 12);
        next[0]++;
        next[value.length + 3] = 8; // an appended string of 8 bytes, say
        return next;
    }
}
