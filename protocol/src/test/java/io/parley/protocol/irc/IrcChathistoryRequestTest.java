package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcChathistoryRequest.Invalid;
import io.parley.protocol.irc.IrcChathistoryRequest.Latest;
import io.parley.protocol.irc.IrcChathistoryRequest.MsgId;
import io.parley.protocol.irc.IrcChathistoryRequest.Request;
import io.parley.protocol.irc.IrcChathistoryRequest.Subcommand;
import io.parley.protocol.irc.IrcChathistoryRequest.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrcChathistoryRequestTest {

    private static IrcChathistoryRequest.Result parse(String line) throws Exception {
        return IrcChathistoryRequest.parse(IrcMessage.parse(line).params(), 100);
    }

    @Test
    void latestWithAStarOrARef() throws Exception {
        assertThat(parse("CHATHISTORY LATEST #lobby * 10")).isEqualTo(
                new Request(Subcommand.LATEST, "#lobby", List.of(new Latest()), 10));
        assertThat(parse("CHATHISTORY latest bob msgid=abc 5")).isEqualTo(
                new Request(Subcommand.LATEST, "bob", List.of(new MsgId("abc")), 5));
    }

    @Test
    void beforeAfterAroundTakeOneRefBetweenTwo() throws Exception {
        Instant t = Instant.parse("2026-12-03T05:00:00.123Z");
        for (String sub : new String[] {"BEFORE", "AFTER", "AROUND"}) {
            assertThat(parse("CHATHISTORY " + sub + " #c timestamp=2026-12-03T05:00:00.123Z 20")).isEqualTo(
                    new Request(Subcommand.valueOf(sub), "#c", List.of(new Timestamp(t)), 20));
        }
        assertThat(parse("CHATHISTORY BETWEEN #c msgid=a timestamp=2026-12-03T05:00:00.123Z 3")).isEqualTo(
                new Request(Subcommand.BETWEEN, "#c", List.of(new MsgId("a"), new Timestamp(t)), 3));
    }

    @Test
    void targetsTakesTwoTimestampsAndNoTarget() throws Exception {
        Request request = (Request) parse("CHATHISTORY TARGETS timestamp=2026-01-01T00:00:00.000Z timestamp=2027-01-01T00:00:00Z 50");
        assertThat(request.target()).isNull();
        assertThat(request.refs()).hasSize(2).allMatch(ref -> ref instanceof Timestamp);
        assertThat(parse("CHATHISTORY TARGETS msgid=a timestamp=2027-01-01T00:00:00Z 50"))
                .isEqualTo(new Invalid("INVALID_PARAMS", List.of("TARGETS", "msgid=a"), "Invalid message reference"));
    }

    @Test
    void aLimitOverTheMaximumIsLowered() throws Exception {
        assertThat(((Request) parse("CHATHISTORY LATEST #c * 100000")).limit()).isEqualTo(100);
        assertThat(((Request) parse("CHATHISTORY LATEST #c * 99999999999")).limit()).isEqualTo(100);
    }

    @Test
    void malformedRequestsAreFailWithTheSpecsCodes() throws Exception {
        assertThat(parse("CHATHISTORY")).isEqualTo(new Invalid("NEED_MORE_PARAMS", List.of("*"), "Missing parameters"));
        assertThat(parse("CHATHISTORY LATEST #c *")).isEqualTo(new Invalid("NEED_MORE_PARAMS", List.of("LATEST"), "Missing parameters"));
        assertThat(parse("CHATHISTORY BETWEEN #c msgid=a 10")).isInstanceOf(Invalid.class);
        assertThat(parse("CHATHISTORY FROBNICATE #c * 10"))
                .isEqualTo(new Invalid("INVALID_PARAMS", List.of("FROBNICATE"), "Unknown subcommand"));
        assertThat(parse("CHATHISTORY BEFORE #c * 10"))
                .isEqualTo(new Invalid("INVALID_PARAMS", List.of("BEFORE", "*"), "Invalid message reference"));
        assertThat(parse("CHATHISTORY AFTER #c timestamp=yesterday 10")).isInstanceOf(Invalid.class);
        assertThat(parse("CHATHISTORY AFTER #c msgid= 10")).isInstanceOf(Invalid.class);
        for (String limit : new String[] {"0", "-1", "+5", "ten", "9".repeat(30)}) {
            assertThat(parse("CHATHISTORY LATEST #c * " + limit)).as(limit)
                    .isEqualTo(new Invalid("INVALID_PARAMS", List.of("LATEST", limit), "Invalid limit"));
        }
    }

    @Test
    void anInvalidRequestBecomesAStandardReply() throws Exception {
        Invalid invalid = (Invalid) parse("CHATHISTORY LATEST #c * ten");
        IrcMessage fail = new IrcReplies("srv").standardReply(IrcNumerics.FAIL, "CHATHISTORY", invalid.code(),
                invalid.description(), invalid.context().toArray(String[]::new));
        assertThat(fail.toLine()).isEqualTo(":srv FAIL CHATHISTORY INVALID_PARAMS LATEST ten :Invalid limit");
    }
}
