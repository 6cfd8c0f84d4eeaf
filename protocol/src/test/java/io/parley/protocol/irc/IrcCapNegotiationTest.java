package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IrcCapNegotiationTest {

    private IrcCapNegotiation cap;

    @BeforeEach
    void start() {
        cap = new IrcCapNegotiation("srv", IrcCapabilities.parley());
    }

    private List<String> send(String line, String nick) throws IrcSyntaxException {
        List<String> replies = new ArrayList<>();
        cap.handle(IrcMessage.parse(line), nick).forEach(reply -> replies.add(reply.toLine()));
        return replies;
    }

    private List<String> send(String line) throws IrcSyntaxException {
        return send(line, "*");
    }

    @Test
    void everyCapabilityTheIssueListsIsOffered() {
        assertThat(IrcCapabilities.parley().offered()).containsKeys("cap-notify", "message-tags", "server-time",
                "echo-message", "batch", "labeled-response", "multi-prefix", "userhost-in-names", "extended-join",
                "away-notify", "account-notify", "account-tag", "setname", "standard-replies", "sasl",
                "draft/chathistory");
        assertThat(IrcCapabilities.parley().offered()).containsEntry("sasl", "PLAIN");
    }

    @Test
    void lsWithoutAVersionListsNamesOnlyAndHoldsRegistration() throws Exception {
        assertThat(cap.holdsRegistration()).isFalse();
        List<String> replies = send("CAP LS");
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0)).startsWith(":srv CAP * LS :").contains(" sasl ").doesNotContain("=");
        assertThat(cap.holdsRegistration()).isTrue();
        assertThat(cap.version()).isEqualTo(301);
        assertThat(cap.enabled()).isEmpty();
    }

    @Test
    void ls302ListsValuesAndEnablesCapNotify() throws Exception {
        List<String> replies = send("CAP LS 302");
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0)).contains("sasl=PLAIN").contains("draft/chathistory");
        assertThat(cap.version()).isEqualTo(302);
        assertThat(cap.isEnabled("cap-notify")).isTrue();
        assertThat(send("CAP LIST")).containsExactly(":srv CAP * LIST cap-notify");
        assertThat(send("CAP LS")).allMatch(line -> line.contains("sasl=PLAIN")); // the version never goes down
    }

    @Test
    void reqEnablesAllAndEchoesTheRequest() throws Exception {
        assertThat(send("CAP REQ :multi-prefix server-time  sasl")).containsExactly(
                ":srv CAP * ACK :multi-prefix server-time  sasl");
        assertThat(cap.enabled()).containsExactly("multi-prefix", "server-time", "sasl");
        assertThat(cap.holdsRegistration()).isTrue();
        assertThat(send("CAP REQ sasl")).containsExactly(":srv CAP * ACK sasl");
    }

    @Test
    void reqIsAllOrNothing() throws Exception {
        send("CAP REQ :batch");
        assertThat(send("CAP REQ :foo qux bar baz qux quux")).containsExactly(":srv CAP * NAK :foo qux bar baz qux quux");
        assertThat(send("CAP REQ :-batch multi-prefix unknown-cap")).containsExactly(
                ":srv CAP * NAK :-batch multi-prefix unknown-cap");
        assertThat(cap.enabled()).containsExactly("batch");
        assertThat(send("CAP REQ :sasl=PLAIN")).containsExactly(":srv CAP * NAK sasl=PLAIN");
        assertThat(send("CAP REQ :")).containsExactly(":srv CAP * NAK :");
        assertThat(send("CAP REQ")).containsExactly(":srv CAP * NAK :");
    }

    @Test
    void aMinusDisables() throws Exception {
        send("CAP REQ :batch echo-message");
        assertThat(send("CAP REQ :-batch", "alice")).containsExactly(":srv CAP alice ACK -batch");
        assertThat(cap.enabled()).containsExactly("echo-message");
        assertThat(send("CAP LIST", "alice")).containsExactly(":srv CAP alice LIST echo-message");
    }

    @Test
    void capNotifyStaysOnFor302ButMayBeDroppedBefore() throws Exception {
        send("CAP LS 302");
        assertThat(send("CAP REQ :-cap-notify")).containsExactly(":srv CAP * NAK -cap-notify");
        assertThat(cap.isEnabled("cap-notify")).isTrue();

        IrcCapNegotiation old = new IrcCapNegotiation("srv", IrcCapabilities.parley());
        old.handle(IrcMessage.of("CAP", "REQ", "cap-notify"), "*");
        assertThat(old.isEnabled("cap-notify")).isTrue();
        old.handle(IrcMessage.of("CAP", "REQ", "-cap-notify"), "*");
        assertThat(old.isEnabled("cap-notify")).isFalse();
    }

    @Test
    void endReleasesRegistrationAndAfterRegistrationNothingHolds() throws Exception {
        send("CAP LS 302");
        assertThat(send("CAP END")).isEmpty();
        assertThat(cap.holdsRegistration()).isFalse();
        cap.registered();
        send("CAP LS 302", "alice");
        send("CAP REQ :batch", "alice");
        assertThat(cap.holdsRegistration()).isFalse();
        assertThat(cap.isEnabled("batch")).isTrue();
    }

    @Test
    void subcommandsAreCaseInsensitive() throws Exception {
        assertThat(send("cap ls 302")).hasSize(1);
        assertThat(send("CAP req :batch")).containsExactly(":srv CAP * ACK batch");
    }

    @Test
    void aMissingOrUnknownSubcommandIsAnError() throws Exception {
        assertThat(send("CAP", "bob")).containsExactly(":srv 461 bob CAP :Not enough parameters");
        assertThat(send("CAP FOO", "bob")).containsExactly(":srv 410 bob FOO :Invalid CAP command");
    }

    @Test
    void aLongListIsSplitWithAStarOnEveryLineButTheLastFor302() throws Exception {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            many.put("example.org/capability-number-" + i, i % 2 == 0 ? "value" + i : "");
        }
        cap = new IrcCapNegotiation("srv", new IrcCapabilities(many));
        List<IrcMessage> lines = cap.handle(IrcMessage.of("CAP", "LS", "302"), "*");
        assertThat(lines).hasSizeGreaterThan(1);
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            IrcMessage line = lines.get(i);
            assertThat(line.bodyBytes()).isLessThanOrEqualTo(IrcLimits.MAX_BODY_BYTES);
            boolean last = i == lines.size() - 1;
            assertThat(line.params()).hasSize(last ? 3 : 4);
            if (!last) {
                assertThat(line.param(2)).isEqualTo("*");
            }
            listed.addAll(Arrays.asList(line.params().get(line.params().size() - 1).split(" ")));
        }
        assertThat(listed).hasSize(60).contains("example.org/capability-number-0=value0", "example.org/capability-number-59");

    }

    /** irctest's testNoMultiline301Response and testIrc301CapLs: one line, no values, no star. */
    @Test
    void aClientBefore302GetsOneLineWhateverItsLength() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            many.put("example.org/capability-number-" + i, "value");
        }
        IrcCapNegotiation old = new IrcCapNegotiation("srv", new IrcCapabilities(many));
        for (String version : new String[] {null, "301"}) {
            IrcMessage ls = version == null ? IrcMessage.of("CAP", "LS") : IrcMessage.of("CAP", "LS", version);
            List<IrcMessage> lines = old.handle(ls, "*");
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).params()).hasSize(3);
            assertThat(lines.get(0).param(2)).startsWith("example.org/capability-number-0 ").doesNotContain("=");
            assertThat(lines.get(0).bodyBytes()).isLessThanOrEqualTo(IrcLimits.MAX_BODY_BYTES);
        }
    }

    @Test
    void anEmptyListIsOneEmptyParameter() throws Exception {
        assertThat(send("CAP LIST")).containsExactly(":srv CAP * LIST :");
    }

    @Test
    void capNotifyClientsHearOfNewAndDeletedCapabilities() throws Exception {
        send("CAP LS 302");
        send("CAP REQ :draft/chathistory");
        assertThat(cap.offer("example.org/new", "x", "alice")).extracting(IrcMessage::toLine)
                .containsExactly(":srv CAP alice NEW example.org/new=x");
        assertThat(cap.withdraw("draft/chathistory", "alice")).extracting(IrcMessage::toLine)
                .containsExactly(":srv CAP alice DEL draft/chathistory");
        assertThat(cap.isEnabled("draft/chathistory")).isFalse();
        assertThat(send("CAP REQ draft/chathistory")).containsExactly(":srv CAP * NAK draft/chathistory");
        assertThat(cap.withdraw("never-offered", "alice")).isEmpty();
    }

    @Test
    void othersHearNothingButSeeTheChangeInTheirNextLs() throws Exception {
        send("CAP LS");
        assertThat(cap.offer("example.org/new", "x", "alice")).isEmpty();
        assertThat(cap.withdraw("sasl", "alice")).isEmpty();
        assertThat(send("CAP LS").get(0)).contains("example.org/new").doesNotContain("sasl");
    }
}
