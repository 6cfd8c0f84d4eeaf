package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What each member is owed, with and without the server echoing a sender's own messages. */
class RoomLayoutTest {

    private static RoomLayout layout(Protocol protocol) {
        BenchSettings settings = new BenchSettings(protocol, WorkloadKind.W4, InetAddress.getLoopbackAddress(), 1, 6, 2,
                3, 100, Duration.ofSeconds(1), Duration.ofSeconds(1), 100, 10, 1, Duration.ofSeconds(1), null, null);
        return new RoomLayout(settings, 0, 0);
    }

    @Test
    void withEchoEveryMemberIsOwedEveryMessageOfItsRoom() {
        RoomLayout layout = layout(Protocol.TCD); // room 0: members 0, 2, 4 (senders 0, 2); room 1: 1, 3, 5 (sender 1)
        assertThat(layout.expected(new long[] {5, 7, 11})).isEqualTo((5 + 11) * 3 + 7 * 3);
        assertThat(layout.sendersHeardBy(layout.members.get(0))).containsExactly(0, 2);
    }

    @Test
    void ircAsksForEchoMessageSoItsSendersAreOwedTheirOwnMessages() {
        RoomLayout layout = layout(Protocol.IRC);
        assertThat(layout.expected(new long[] {5, 7, 11})).isEqualTo((5 + 11) * 3 + 7 * 3);
        assertThat(layout.sendersHeardBy(layout.members.get(0))).containsExactly(0, 2);
    }

    @Test
    void withoutEchoASenderIsNotOwedItsOwnMessages() {
        RoomLayout layout = layout(Protocol.IRC_SUBSET);
        assertThat(layout.expected(new long[] {5, 7, 11})).isEqualTo((5 + 11) * 2 + 7 * 2);
        assertThat(layout.sendersHeardBy(layout.members.get(0))).containsExactly(2);
        assertThat(layout.sendersHeardBy(layout.members.get(2))).containsExactly(0);
        assertThat(layout.sendersHeardBy(layout.members.get(4))).as("a listener").containsExactly(0, 2);
    }
}
