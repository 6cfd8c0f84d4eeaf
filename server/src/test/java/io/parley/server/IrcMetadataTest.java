package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRCv3 metadata ({@code draft/metadata-3}) over real sockets: a user's and a channel's keys
 * (GET, LIST, SET, CLEAR), subscriptions (SUB, UNSUB, SUBS), what subscribers are told (761/766)
 * and learn on JOIN, SYNC and WHOIS, values set before registering, and the FAIL replies.
 */
class IrcMetadataTest {

    private static final String S = ":My.Little.Server ";
    private static final String CAPS = "draft/metadata-3 batch";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    /** Registers with metadata and batch, and reads the (empty) metadata batch registration ends with. */
    private IrcClient registered(String nick) {
        IrcClient client = IrcCaps.registered(server, nick, CAPS);
        assertThat(batch(client)).containsExactly(written("BATCH metadata " + nick));
        return client;
    }

    /** The next batch: its start ({@code BATCH <type> <params>}, without the reference), then its lines without tags. */
    private static List<String> batch(IrcClient client) {
        List<IrcMessage> lines = IrcCaps.batch(client);
        IrcMessage start = lines.get(0);
        String opening = "BATCH " + String.join(" ", start.params().subList(1, start.params().size()));
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(opening),
                lines.subList(1, lines.size()).stream().map(line -> line.withTags(Map.of()).toLine())).toList();
    }

    /** {@code lines} as {@link #batch} writes them: the syntax's one form of each (a one-word last parameter without its colon). */
    private static String[] written(String... lines) {
        return java.util.Arrays.stream(lines).map(line -> IrcCaps.parse(line).toLine()).toArray(String[]::new);
    }

    private static void join(IrcClient client, String channel) {
        client.send("JOIN " + channel);
        client.next("366");
    }

    @Test
    void theCapabilityNamesItsLimits() {
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("CAP LS 302");
        List<String> listing = client.until(line -> IrcClient.command(line).equals("CAP") && !line.contains(" LS * "));
        assertThat(String.join(" ", listing)).contains("draft/metadata-3=before-connect,max-subs=50,max-keys=20,max-value-bytes=256");
    }

    @Test
    void aUserSetsGetsListsAndClearsItsOwnKeys() {
        IrcClient alice = registered("alice");
        alice.send("METADATA * GET display-name");
        assertThat(batch(alice)).containsExactly(written("BATCH metadata alice",
                S + "766 alice alice display-name :Key is not set"));

        alice.send("METADATA * SET display-name :Alice A.").expectLine(S + "761 alice alice display-name * :Alice A.");
        alice.send("METADATA alice SET Avatar :https://example.com/a.png") // keys are case-insensitive
                .expectLine(S + "761 alice alice avatar * :https://example.com/a.png");
        alice.send("METADATA alice GET display-name status AVATAR");
        assertThat(batch(alice)).containsExactly(written("BATCH metadata alice",
                S + "761 alice alice display-name * :Alice A.",
                S + "766 alice alice status :Key is not set",
                S + "761 alice alice avatar * :https://example.com/a.png"));

        alice.send("METADATA * SET display-name :Alice B.").expectLine(S + "761 alice alice display-name * :Alice B.");
        alice.send("METADATA * LIST");
        assertThat(batch(alice)).containsExactly(written("BATCH metadata alice",
                S + "761 alice alice display-name * :Alice B.",
                S + "761 alice alice avatar * :https://example.com/a.png"));

        alice.send("METADATA * SET display-name").expectLine(S + "766 alice alice display-name :Key is not set");
        alice.send("METADATA * SET status :").expectLine(S + "766 alice alice status :Key is not set");
        alice.send("METADATA * CLEAR");
        assertThat(batch(alice)).containsExactly(written("BATCH metadata alice", S + "766 alice alice avatar :Key is not set"));
        alice.send("METADATA * LIST");
        assertThat(batch(alice)).containsExactly(written("BATCH metadata alice"));
    }

    @Test
    void badRequestsGetStandardReplies() {
        IrcClient alice = registered("alice");
        IrcClient bob = registered("bob");
        alice.send("METADATA").expectLine(S + "461 alice METADATA :Not enough parameters");
        alice.send("METADATA * SET").expectLine(S + "461 alice METADATA :Not enough parameters");
        alice.send("METADATA * FROB").expectLine(S + "FAIL METADATA INVALID_PARAMS FROB :Unknown METADATA subcommand");
        alice.send("METADATA nobody LIST").expectLine(S + "FAIL METADATA INVALID_TARGET nobody :Invalid metadata target");
        alice.send("METADATA #nowhere GET url").expectLine(S + "FAIL METADATA INVALID_TARGET #nowhere :Invalid metadata target");
        alice.send("METADATA * SET $url :x").expectLine(S + "FAIL METADATA INVALID_KEY $url :Invalid key name");
        alice.send("METADATA * SET :url :x").expectLine(S + "FAIL METADATA INVALID_KEY * :Invalid key name");
        alice.send("METADATA * SET url :" + "é".repeat(129)) // 258 bytes
                .expectLine(S + "FAIL METADATA INVALID_VALUE url :Value is longer than 256 bytes");
        alice.send("METADATA * SET url :" + "é".repeat(128)).next("761"); // 256 bytes: the most
        ByteArrayOutputStream invalid = new ByteArrayOutputStream();
        invalid.writeBytes("METADATA * SET url :broken \u00c3".getBytes(StandardCharsets.ISO_8859_1));
        invalid.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        alice.wire().sendBytes(invalid.toByteArray());
        // UTF8ONLY: a line that is not UTF-8 is refused whole, before METADATA reads it.
        alice.expectLine(S + "FAIL METADATA INVALID_UTF8 :Message rejected, your IRC software MUST use UTF-8 encoding on this network");
        alice.send("METADATA * GET url");
        assertThat(batch(alice)).contains(written(S + "761 alice alice url * :" + "é".repeat(128))); // the refused ones changed nothing

        for (int i = 1; i < 20; i++) {
            alice.send("METADATA * SET key" + i + " :v").next("761");
        }
        alice.send("METADATA * SET one-too-many :v").expectLine(S + "FAIL METADATA LIMIT_REACHED alice 20 :Too many metadata keys");
        alice.send("METADATA * SET key1 :changed").expectLine(S + "761 alice alice key1 * :changed"); // a set key may change

        bob.send("METADATA * SET display-name :Bob").next("761");
        alice.send("METADATA bob SET display-name :Not Bob")
                .expectLine(S + "FAIL METADATA KEY_NO_PERMISSION bob display-name :You cannot change this target's metadata");
        alice.send("METADATA bob CLEAR")
                .expectLine(S + "FAIL METADATA KEY_NO_PERMISSION bob * :You cannot change this target's metadata");
        alice.send("METADATA bob LIST"); // anyone may read a user's metadata
        assertThat(batch(alice)).containsExactly(written("BATCH metadata bob", S + "761 alice bob display-name * :Bob"));

        join(alice, "#meta"); // alice founds #meta: its operator
        alice.send("METADATA #meta SET url :https://example.com").expectLine(S + "761 alice #meta url * :https://example.com");
        bob.send("METADATA #meta GET url")
                .expectLine(S + "FAIL METADATA KEY_NO_PERMISSION #meta * :You cannot see this target's metadata");
        bob.send("METADATA #meta SYNC")
                .expectLine(S + "FAIL METADATA KEY_NO_PERMISSION #meta * :You cannot see this target's metadata");
        join(bob, "#meta");
        bob.send("METADATA #meta SET url :https://evil.example")
                .expectLine(S + "FAIL METADATA KEY_NO_PERMISSION #meta url :You cannot change this target's metadata");
        bob.send("METADATA #meta LIST");
        assertThat(batch(bob)).containsExactly(written("BATCH metadata #meta", S + "761 bob #meta url * :https://example.com"));
    }

    @Test
    void subscriptionsAreAcknowledgedListedAndLimited() {
        IrcClient alice = registered("alice");
        alice.send("METADATA * SUB avatar display-name $bad Avatar");
        alice.expectLine(S + "770 alice avatar display-name");
        alice.expectLine(S + "FAIL METADATA INVALID_KEY $bad :Invalid key name");
        alice.expectLine(S + "774 alice *ALL 0 :Use METADATA *ALL SYNC for the current values");
        alice.send("METADATA * SUBS").expectLine(S + "772 alice avatar display-name");
        alice.send("METADATA * UNSUB avatar status").expectLine(S + "771 alice avatar status");
        alice.send("METADATA * SUBS").expectLine(S + "772 alice display-name");

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            many.append(" k").append(i);
        }
        alice.send("METADATA * SUB" + many); // 49 fit beside display-name; k49 is refused
        for (int line = 0; line < 3; line++) {
            assertThat(IrcCaps.next(alice).params()).hasSize(15).first().isEqualTo("alice"); // 14 keys a line
        }
        IrcMessage last = IrcCaps.next(alice);
        assertThat(last.command()).isEqualTo("770");
        assertThat(last.params()).hasSize(8).endsWith("k48");
        alice.expectLine(S + "FAIL METADATA LIMIT_REACHED k49 50 :Too many subscriptions");
        alice.next("774");
        alice.send("METADATA * SUBS");
        int subscribed = 0;
        for (int line = 0; line < 4; line++) {
            IrcMessage subs = IrcCaps.next(alice);
            assertThat(subs.command()).isEqualTo("772");
            subscribed += subs.params().size() - 1;
        }
        assertThat(subscribed).isEqualTo(50);
    }

    @Test
    void subscribersWhoShareAChannelAreToldOfChangesOthersAreNot() {
        IrcClient alice = registered("alice");
        IrcClient bob = registered("bob");
        IrcClient carol = registered("carol"); // subscribed to nothing
        bob.send("METADATA * SUB display-name url").next("774");
        join(alice, "#meta");
        join(bob, "#meta");
        join(carol, "#meta");
        bob.next("JOIN"); // carol's
        IrcClient dave = registered("dave"); // subscribed, but shares no channel with alice
        dave.send("METADATA * SUB display-name url").next("774");

        alice.send("METADATA * SET display-name :Alice").next("761");
        bob.expectLine(S + "761 bob alice display-name * :Alice");
        alice.send("METADATA * SET display-name :Alice").next("761"); // no change: no notification
        alice.send("METADATA * SET status :busy").next("761"); // a key bob did not subscribe to
        alice.send("METADATA * SET display-name :" + "x".repeat(300)).next("FAIL"); // refused: not relayed
        alice.send("METADATA #meta SET url :https://example.com").next("761");
        bob.expectLine(S + "761 bob #meta url * :https://example.com"); // the next thing bob hears
        alice.send("METADATA * SET display-name").next("766");
        bob.expectLine(S + "766 bob alice display-name :Key is not set");
        alice.send("METADATA #meta CLEAR");
        batch(alice);
        bob.expectLine(S + "766 bob #meta url :Key is not set");

        // carol and dave heard none of it: the next line each reads is the answer to their own PING.
        carol.send("PING x").expectLine(S + "PONG My.Little.Server x");
        dave.send("PING x").expectLine(S + "PONG My.Little.Server x");
    }

    @Test
    void aJoinerLearnsTheSubscribedValuesOfTheChannelAndItsMembersAndSyncGivesThemAgain() {
        IrcClient alice = registered("alice");
        join(alice, "#meta");
        alice.send("METADATA #meta SET url :https://example.com").next("761");
        alice.send("METADATA * SET display-name :Alice").next("761");
        alice.send("METADATA * SET status :busy").next("761");

        IrcClient dave = registered("dave");
        dave.send("METADATA * SUB url display-name").next("774");
        dave.send("METADATA * SET display-name :Dave").next("761");
        dave.send("JOIN #meta");
        dave.next("366");
        assertThat(batch(dave)).containsExactly(written("BATCH metadata #meta",
                S + "761 dave #meta url * :https://example.com",
                S + "761 dave alice display-name * :Alice"));

        dave.send("METADATA #meta SYNC");
        assertThat(batch(dave)).containsExactlyInAnyOrder(written("BATCH metadata #meta",
                S + "761 dave #meta url * :https://example.com",
                S + "761 dave alice display-name * :Alice",
                S + "761 dave dave display-name * :Dave"));
        dave.send("METADATA alice SYNC");
        assertThat(batch(dave)).containsExactly(written("BATCH metadata alice", S + "761 dave alice display-name * :Alice"));
        dave.send("METADATA *ALL SYNC");
        assertThat(batch(dave)).containsExactlyInAnyOrder(written("BATCH metadata *ALL",
                S + "761 dave #meta url * :https://example.com",
                S + "761 dave alice display-name * :Alice",
                S + "761 dave dave display-name * :Dave"));

        dave.send("WHOIS alice");
        List<String> whois = dave.until(line -> IrcClient.command(line).equals("318"));
        assertThat(whois).contains(written(S + "760 dave alice display-name * :Alice", S + "760 dave alice status * :busy"));
    }

    @Test
    void membersLearnAJoinersSubscribedKeysRightAfterItsJoin() {
        IrcClient alice = registered("alice");
        alice.send("METADATA * SUB display-name").next("774");
        join(alice, "#meta");
        IrcClient erin = registered("erin");
        erin.send("METADATA * SET display-name :Erin").next("761");
        erin.send("METADATA * SET status :new").next("761"); // alice did not subscribe to it
        join(erin, "#meta");
        alice.expectLine(":erin!~erin@127.0.0.1 JOIN #meta");
        alice.expectLine(S + "761 alice erin display-name * :Erin");
        alice.send("PING x").expectLine(S + "PONG My.Little.Server x");
    }

    @Test
    void aClientWithoutTheCapabilityHearsNothingOfMetadata() {
        IrcClient alice = registered("alice");
        IrcClient old = IrcClient.registered(server, "old");
        old.send("METADATA * SUB display-name").next("770"); // the command answers, but notifications need the cap
        join(alice, "#meta");
        join(old, "#meta");
        alice.next("JOIN");
        alice.send("METADATA * SET display-name :Alice").next("761");
        old.send("WHOIS alice");
        assertThat(old.until(line -> IrcClient.command(line).equals("318"))).noneMatch(line -> line.contains(" 760 "));
        old.send("PING x").expectLine(S + "PONG My.Little.Server x");
    }

    @Test
    void valuesSetBeforeRegisteringArePlayedBackWhenItEnds() {
        IrcClient erin = new IrcClient(server.connect("irc"));
        erin.send("CAP LS 302").send("CAP REQ :" + CAPS);
        erin.until(line -> line.contains(" ACK "));
        erin.send("METADATA * SET display-name :Early").expectLine(S + "761 * * display-name * :Early");
        erin.send("METADATA bob GET display-name")
                .expectLine(S + "FAIL METADATA KEY_NO_PERMISSION bob * :Only your own metadata can be used before registering");
        erin.send("METADATA * SUB display-name").expectLine(S + "770 * display-name");
        erin.send("NICK erin").send("USER erin 0 * :Erin").send("CAP END");
        erin.until(line -> IrcClient.command(line).equals("422"));
        assertThat(batch(erin)).containsExactly(written("BATCH metadata erin", S + "761 erin erin display-name * :Early"));
        erin.send("METADATA * SUBS").expectLine(S + "772 erin display-name");
    }

    @Test
    void aChannelFoundedAfreshStartsWithoutMetadata() {
        IrcClient alice = registered("alice");
        join(alice, "#fresh");
        alice.send("METADATA #fresh SET url :https://example.com").next("761");
        alice.send("PART #fresh").next("PART");
        join(alice, "#fresh"); // the room was empty: alice founds the channel again
        alice.send("METADATA #fresh LIST");
        assertThat(batch(alice)).containsExactly(written("BATCH metadata #fresh"));
    }
}
