package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.text.NameKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' presences over one shared directory and a link between them (in memory, as
 * PostgreSQL's {@code online_names} and NATS would carry them): a name is online once across the
 * nodes, an owner's login ends its login on the other node, private messages and the online list
 * cross, and a name registered on one node ends its unowned use on the other.
 */
class PresenceInClusterTest {

    /** The shared table: a name's holder, and the registered accounts. */
    private final Map<String, PresenceDirectory.Holder> rows = new ConcurrentHashMap<>();
    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    /** The line and TCD users' shared holds: each name's holding lives and tokens ("life/token"). */
    private final Map<String, java.util.Set<String>> shared = new ConcurrentHashMap<>();
    private final Map<String, PresenceLink.Listener> nodes = new ConcurrentHashMap<>();

    private final RegisteredNames namesA = new RegisteredNames(List.of());
    private final RegisteredNames namesB = new RegisteredNames(List.of());
    private final Presence a = new Presence(namesA, new Directory("a", 1), new Link());
    private final Presence b = new Presence(namesB, new Directory("b", 2), new Link());

    @Test
    void aNameOnlineOnOneNodeIsRefusedOnTheOtherUntilItLeaves() {
        RecordingRecipient onA = new RecordingRecipient("Kim");
        assertThat(a.enterUnowned(onA)).isTrue();

        assertThat(b.enterUnowned(new RecordingRecipient("kim"))).isFalse();
        assertThat(namesB.claim("KIM", name -> { })).as("a line or TCD user on b").isEmpty();
        assertThat(namesB.heldExclusively("kim")).isTrue();
        assertThat(b.onlineName("kim")).contains("Kim");
        assertThat(b.namesExcept("someone")).containsExactly("Kim");

        a.leave(onA);
        assertThat(b.enterUnowned(new RecordingRecipient("kim"))).isTrue();
        assertThat(a.onlineName("KIM")).contains("kim");
    }

    @Test
    void aNameALineUserChatsUnderOnOneNodeIsRefusedAsANickOnTheOtherUntilItsUsersLeave() {
        NameClaim first = namesA.claim("Lou", name -> { }).orElseThrow();
        NameClaim second = namesA.claim("lou", name -> { }).orElseThrow(); // line and TCD users share names

        assertThat(b.enterUnowned(new RecordingRecipient("LOU"))).isFalse();
        first.release();
        assertThat(b.enterUnowned(new RecordingRecipient("lou"))).as("another line user still holds it").isFalse();
        second.release();
        first.release(); // twice: nothing more
        assertThat(b.enterUnowned(new RecordingRecipient("lou"))).isTrue();
        assertThat(namesA.claim("lou", name -> { })).isEmpty();
    }

    @Test
    void anOwnersLoginOnOneNodeEndsItsLoginOnTheOther() {
        RecordingRecipient first = new RecordingRecipient("dora");
        RecordingRecipient second = new RecordingRecipient("dora");
        a.enter(first);
        b.enter(second);

        assertThat(first.replaced).isEqualTo(1);
        assertThat(second.replaced).isZero();
        assertThat(a.find("dora")).isEmpty();
        assertThat(a.onlineName("dora")).contains("dora");
    }

    @Test
    void aPrivateMessageReachesItsRecipientOnTheOtherNode() {
        RecordingRecipient ivan = new RecordingRecipient("ivan");
        a.enter(ivan);
        PrivateMessage message = new PrivateMessage(Instant.EPOCH, "judy", "ivan", false, "hi");

        assertThat(b.deliver(message)).isTrue();
        assertThat(ivan.delivered).containsExactly(message);
        assertThat(b.reachable("ivan")).hasValueSatisfying(there -> assertThat(there.name()).isEqualTo("ivan"));
        assertThat(b.deliver(new PrivateMessage(Instant.EPOCH, "judy", "nobody", false, "hi"))).isFalse();
    }

    @Test
    void aNameRegisteredOnOneNodeEndsItsUnownedUseOnTheOtherAndIsRefusedThere() {
        RecordingRecipient onB = new RecordingRecipient("erin");
        assertThat(b.enterUnowned(onB)).isTrue();

        NameReservation reservation = namesA.reserve("Erin").orElseThrow();
        accounts.put(NameKeys.key("Erin"), "Erin"); // the account is stored, then the reservation commits
        reservation.commit();

        assertThat(onB.registered).containsExactly("Erin");
        assertThat(namesB.isRegistered("erin")).isTrue();
        assertThat(rows).doesNotContainKey("erin");
    }

    @Test
    void aRegistrationNotYetHeardOfIsRefusedFromTheStore() {
        accounts.put("fay", "Fay"); // registered on another node; its notice has not come
        assertThat(b.enterUnowned(new RecordingRecipient("fay"))).isFalse();
        assertThat(namesB.isRegistered("fay")).isTrue();
    }

    /** One node's view of the shared table. */
    private final class Directory implements PresenceDirectory {
        private final String node;
        private final long life;

        Directory(String node, long life) {
            this.node = node;
            this.life = life;
        }

        @Override
        public synchronized boolean claim(String name, long token) {
            if (shared.getOrDefault(NameKeys.key(name), java.util.Set.of()).stream().anyMatch(hold -> !hold.startsWith(life + "/"))) {
                return false;
            }
            Holder mine = new Holder(name, node, life, token, Optional.empty());
            Holder now = rows.compute(NameKeys.key(name), (key, held) -> held == null || held.life() == life ? mine : held);
            return now == mine;
        }

        @Override
        public synchronized boolean share(String name, long token) {
            Holder held = rows.get(NameKeys.key(name));
            if (held != null && held.life() != life) {
                return false;
            }
            shared.computeIfAbsent(NameKeys.key(name), key -> ConcurrentHashMap.newKeySet()).add(life + "/" + token);
            return true;
        }

        @Override
        public void unshare(String name, long token) {
            shared.getOrDefault(NameKeys.key(name), java.util.Set.of()).remove(life + "/" + token);
        }

        @Override
        public int count() {
            return rows.size();
        }

        @Override
        public Optional<Holder> take(String name, long token, boolean keyed) {
            return Optional.ofNullable(rows.put(NameKeys.key(name), new Holder(name, node, life, token, Optional.empty())));
        }

        @Override
        public void release(String name, long token) {
            rows.computeIfPresent(NameKeys.key(name), (key, held) -> held.life() == life && held.token() == token ? null : held);
        }

        @Override
        public Optional<Holder> holder(String name) {
            return Optional.ofNullable(rows.get(NameKeys.key(name)));
        }

        @Override
        public Optional<String> registered(String name) {
            return Optional.ofNullable(accounts.get(NameKeys.key(name)));
        }

        @Override
        public List<String> names() {
            List<String> all = new ArrayList<>();
            rows.values().forEach(holder -> all.add(holder.name()));
            return all;
        }

        @Override
        public String node() {
            return node;
        }

        @Override
        public long life() {
            return life;
        }
    }

    /** A link that hands each message to the named node at once (registrations to every other node). */
    private final class Link implements PresenceLink {
        private PresenceLink.Listener own;

        @Override
        public void privateMessage(String node, PrivateMessage message) {
            nodes.get(node).privateMessage(message);
        }

        @Override
        public void replaced(String node, String name, long token) {
            nodes.get(node).replaced(name, token);
        }

        @Override
        public void registered(String name) {
            nodes.values().stream().filter(listener -> listener != own).forEach(listener -> listener.registered(name));
        }

        @Override
        public void listen(Listener listener) {
            own = listener;
            nodes.put(nodes.isEmpty() ? "a" : "b", listener);
        }
    }
}
