package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** NAMES of a channel too big for one line: as many names per 353 as fit 512 bytes, sorted by nick. */
class IrcNamesTest {

    private static final String S = ":My.Little.Server ";
    private static final int MEMBERS = 24;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void namesOfABigChannelFillEach353LineUpTo512BytesInNickOrder() {
        List<String> nicks = new ArrayList<>();
        List<IrcClient> clients = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            // Long nicks, in mixed case and not in joining order: two or three 353 lines, sorted regardless of case.
            String nick = (i % 2 == 0 ? "Member" : "member") + String.format("%02d", (i * 7) % MEMBERS) + "-with-a-long-nick";
            IrcClient client = IrcClient.registered(server, nick);
            client.send("JOIN #big").next("366");
            nicks.add(nick);
            clients.add(client);
        }
        IrcClient first = clients.get(0);
        first.send("NAMES #big");
        List<String> lines = first.until(line -> IrcClient.command(line).equals("366"));

        List<String> named = new ArrayList<>();
        // (the others' JOINs come first)
        List<String> namReplies = lines.stream().filter(line -> IrcClient.command(line).equals("353")).toList();
        assertThat(namReplies).hasSizeGreaterThan(1);
        String head = S + "353 " + nicks.get(0) + " = #big :";
        for (int i = 0; i < namReplies.size(); i++) {
            String line = namReplies.get(i);
            assertThat(line).startsWith(head);
            int bytes = line.getBytes(StandardCharsets.UTF_8).length + 2;
            assertThat(bytes).as("353 with CR LF").isLessThanOrEqualTo(512);
            List<String> these = List.of(line.substring(head.length()).split(" "));
            named.addAll(these);
            if (i + 1 < namReplies.size()) {
                String next = namReplies.get(i + 1).substring(head.length()).split(" ")[0];
                assertThat(bytes + 1 + next.length()).as("the next name would not have fit").isGreaterThan(512);
            }
        }
        List<String> expected = new ArrayList<>(nicks);
        expected.set(0, "@" + nicks.get(0)); // the founder
        Collections.sort(expected, (a, b) -> a.replace("@", "").compareToIgnoreCase(b.replace("@", "")));
        assertThat(named).containsExactlyElementsOf(expected);
        assertThat(lines.get(lines.size() - 1)).isEqualTo(S + "366 " + nicks.get(0) + " #big :End of /NAMES list");
    }
}
