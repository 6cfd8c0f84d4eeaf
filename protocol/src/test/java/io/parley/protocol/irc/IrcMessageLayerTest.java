package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The socket-free parts of the message layer: msgids, WHOX fields, batches and MONITOR's lists. */
class IrcMessageLayerTest {

    @Test
    void aRoomMessagesIdNamesItsRoomAndSequenceAndNothingElseReadsAsOne() {
        assertThat(IrcMsgIds.room(3, 1204)).isEqualTo("3-1204");
        assertThat(IrcMsgIds.parseRoom("3-1204")).contains(new IrcMsgIds.RoomPoint(3, 1204));
        assertThat(IrcMsgIds.line("3-1204", 0)).isEqualTo("3-1204");
        assertThat(IrcMsgIds.line("3-1204", 1)).isEqualTo("3-1204.2");
        assertThat(IrcMsgIds.parseRoom("3-1204.2")).as("a further line names its message").contains(new IrcMsgIds.RoomPoint(3, 1204));
        IrcMsgIds ids = new IrcMsgIds();
        String unstored = ids.unstored();
        assertThat(unstored).isNotEqualTo(ids.unstored());
        assertThat(IrcMsgIds.parseRoom(unstored)).isEmpty();
        for (String bad : List.of("", "3", "3-", "-1", "a-1", "3-1-2", "99999999999-1", "3-x", "3-1.", "3-1.x")) {
            assertThat(IrcMsgIds.parseRoom(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void whoxGivesTheFieldsAskedForInTheSpecsOrder() {
        IrcWhox.Row row = new IrcWhox.Row("#c", "~al", "127.0.0.1", "127.0.0.1", "irc.test", "alice", "G", null, "Alice A");
        assertThat(IrcWhox.parse("%rnct,7").orElseThrow().params(row)).containsExactly("7", "#c", "alice", "Alice A");
        assertThat(IrcWhox.parse("%tuhsfdlao").orElseThrow().params(row))
                .containsExactly("0", "~al", "127.0.0.1", "irc.test", "G", "0", "0", "0", "n/a");
        assertThat(IrcWhox.parse("%n,abcd").orElseThrow().token()).as("a token is at most 3 digits").isNull();
        assertThat(IrcWhox.parse("o")).isEmpty();
        assertThat(IrcWhox.parse(null)).isEmpty();
    }

    @Test
    void aBatchTagsItsMessagesAndLeavesANestedBatchsOwn() {
        IrcBatches batches = new IrcBatches();
        IrcMessage inner = IrcMessage.from("s.test", "PRIVMSG", "#c", "hi").withTags(Map.of("batch", "inner"));
        List<Object> wrapped = batches.wrap("s.test", Map.of("label", "L"), "labeled-response", List.of(),
                List.of(IrcMessage.from("s.test", "BATCH", "+inner", "chathistory", "#c"), inner));
        assertThat(wrapped).extracting(Object::toString).containsExactly(
                "@label=L :s.test BATCH +b1 labeled-response",
                "@batch=b1 :s.test BATCH +inner chathistory #c",
                "@batch=inner :s.test PRIVMSG #c hi",
                ":s.test BATCH -b1");
        assertThat(batches.newReference()).isEqualTo("b2");
    }

    @Test
    void monitorListsAreCutIntoLinesThatFit() {
        List<String> nicks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            nicks.add("nick" + i);
        }
        List<String> lines = IrcMonitor.joinWithin(nicks, 60);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
        assertThat(String.join(",", lines)).isEqualTo(String.join(",", nicks));
        assertThat(IrcMonitor.joinWithin(List.of(), 60)).isEmpty();
    }

    @Test
    void onlyClientOnlyTagsAreRelayed() {
        assertThat(IrcClientTags.clientOnly(Map.of("+a", "1", "label", "x", "msgid", "m", "+v.test/b", "")))
                .containsOnlyKeys("+a", "+v.test/b");
    }
}
