package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.joinedAnnouncement;
import static io.parley.server.TcdMessages.left;
import static io.parley.server.TcdMessages.leftAnnouncement;
import static io.parley.server.TcdMessages.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.TcdClient.Joined;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who is in a room after closes, stray LEAVEs and restarts. */
class TcdMembershipTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    @Test
    void anAbruptCloseAnnouncesTheLeaveToTheOthers() throws Exception {
        TcdClient alice = server.connectTcd();
        TcdClient bob = server.connectTcd();
        Joined room = alice.join("room", "alice");
        Joined other = alice.join("other", "alice");
        bob.join("room", "bob");
        bob.join("other", "bob");
        alice.expect(joinedAnnouncement(room.ref(), "bob") + joinedAnnouncement(other.ref(), "bob"));

        bob.close();

        alice.expect(leftAnnouncement(room.ref(), "bob") + leftAnnouncement(other.ref(), "bob"));
        alice.send(chat(room.ref(), room.joinId(), "alice", "still here"));
        alice.expect(relay(room.ref(), "alice", "still here"));
    }

    @Test
    void disconnectLeavesInAscendingRefOrderWhateverTheJoinOrder() throws Exception {
        TcdClient alice = server.connectTcd();
        Joined low = alice.join("low", "alice");
        Joined high = alice.join("high", "alice");
        assertThat(low.ref()).isLessThan(high.ref());

        TcdClient bob = server.connectTcd();
        bob.join("high", "bob");
        bob.join("low", "bob");
        alice.expect(joinedAnnouncement(high.ref(), "bob") + joinedAnnouncement(low.ref(), "bob"));

        bob.send(TcdMessages.disconnect("bob"));
        String leaves = leftAnnouncement(low.ref(), "bob") + leftAnnouncement(high.ref(), "bob");
        bob.expect(leaves);
        bob.expectEof();
        alice.expect(leaves);
    }

    @Test
    void leavingARoomNeverJoinedGetsLeftWithTheValuesSentAndNoAnnouncement() throws Exception {
        TcdClient alice = server.connectTcd();
        TcdClient bob = server.connectTcd();
        Joined room = alice.join("room", "alice");

        bob.send(TcdMessages.leave(room.ref(), 77, "bob"));
        bob.expect(left(room.ref(), 77));
        bob.send("LEAVE_CHATROOM: 424242\nJOIN_ID: abc\nCLIENT_NAME: bob\n");
        bob.expect(left(424242, "abc"));
        bob.expectNothingBeforeHelo();

        // Had bob's LEAVE been announced, alice would read it before her own chat.
        alice.send(chat(room.ref(), room.joinId(), "alice", "after the stray leave"));
        alice.expect(relay(room.ref(), "alice", "after the stray leave"));
    }

    @Test
    void leavingTwiceGetsLeftTwiceButOneAnnouncement() throws Exception {
        TcdClient alice = server.connectTcd();
        Joined room = alice.join("room", "alice");

        alice.leave(room, "alice");
        alice.send(TcdMessages.leave(room.ref(), room.joinId(), "alice"));
        alice.expect(left(room.ref(), room.joinId()));
        alice.expectNothingBeforeHelo();
    }

    @Test
    void joiningARoomTwiceAnswersJoinedAgainWithoutASecondAnnouncement() throws Exception {
        TcdClient alice = server.connectTcd();
        Joined room = alice.join("room", "alice");

        alice.send(TcdMessages.join("room", "alice"));
        assertThat(alice.expectJoined("room")).isEqualTo(room);
        alice.expectNothingBeforeHelo();
    }

    @Test
    void aRoomKeepsItsRefAcrossARestart() throws Exception {
        TcdClient client = server.connectTcd();
        Joined alpha = client.join("alpha", "c");
        Joined beta = client.join("beta", "c");
        server.restart();
        TcdClient again = server.connectTcd();
        // In the other order, so that the ref cannot be a coincidence of creation order.
        assertThat(again.join("beta", "c").ref()).isEqualTo(beta.ref());
        assertThat(again.join("alpha", "c").ref()).isEqualTo(alpha.ref());
        assertThat(again.join("gamma", "c").ref()).isNotIn(alpha.ref(), beta.ref());
    }
}
