package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.InMemoryEventLog;
import io.parley.core.text.NameKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' presences over one shared directory and a link between them (in memory, as
 * PostgreSQL's {@code online_names} and NATS would carry them): a name is online once across the
 * nodes, an owner's login ends its login on the other node, private messages and the online list
 * cross, and a name registered on one node ends its unowned use on the other. The directory's
 * look-ups run on a thread of its own ({@code directory-lookup}), its entries of names on another
 * ({@code directory-entry}), as PostgreSQL's do.
 */
class PresenceInClusterTest {

    /** The shared table: a name's holder, and the registered accounts. */
    private final Map<String, PresenceDirectory.Holder> rows = new ConcurrentHashMap<>();
    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    /** The line and TCD users' shared holds: each name's holding lives and tokens ("life/token"). */
    private final Map<String, java.util.Set<String>> shared = new ConcurrentHashMap<>();
    private final Map<String, PresenceLink.Listener> nodes = new ConcurrentHashMap<>();
    /** The directory's own thread for look-ups. */
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "directory-lookup");
        thread.setDaemon(true);
        return thread;
    });
    /** The directory's own thread for entries of names (apart from the look-ups', as PostgreSQL's). */
    private final ExecutorService entries = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "directory-entry");
        thread.setDaemon(true);
        return thread;
    });
    /** The threads that asked the directory who holds a name (either way), in order. */
    private final List<String> askedOn = Collections.synchronizedList(new ArrayList<>());
    /** The threads the directory's claims ran on. */
    private final List<String> claimedOn = Collections.synchronizedList(new ArrayList<>());
    /** The threads the look-ups themselves ran on. */
    private final List<String> lookedUpOn = Collections.synchronizedList(new ArrayList<>());

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
        assertThat(b.onlineName("kim").toCompletableFuture().join()).contains("Kim");
        assertThat(b.namesExcept("someone").toCompletableFuture().join()).containsExactly("Kim");

        a.leave(onA);
        assertThat(b.enterUnowned(new RecordingRecipient("kim"))).isTrue();
        assertThat(a.onlineName("KIM").toCompletableFuture().join()).contains("kim");
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
        assertThat(a.onlineName("dora").toCompletableFuture().join()).contains("dora");
    }

    @Test
    void aPrivateMessageReachesItsRecipientOnTheOtherNode() {
        RecordingRecipient ivan = new RecordingRecipient("ivan");
        a.enter(ivan);
        PrivateMessage message = new PrivateMessage(Instant.EPOCH, "judy", "ivan", false, "hi");

        Recipient there = b.reachable("ivan").toCompletableFuture().join().orElseThrow();
        assertThat(there.name()).isEqualTo("ivan");
        assertThat(b.deliver(message, there)).isTrue();
        assertThat(ivan.delivered).containsExactly(message);
        assertThat(b.reachable("nobody").toCompletableFuture().join()).isEmpty();
    }

    @Test
    void aMessageForAGuestWhoLeftMeanwhileIsNotHandedToTheNextGuestOfItsNick() {
        RecordingRecipient first = new RecordingRecipient("nell", "first-connection");
        a.enterUnowned(first);
        Recipient there = b.reachable("nell").toCompletableFuture().join().orElseThrow();
        a.leave(first);
        RecordingRecipient next = new RecordingRecipient("nell", "next-connection");
        assertThat(a.enterUnowned(next)).isTrue();

        PrivateMessage forFirst = new PrivateMessage(1, Instant.EPOCH, "judy", "", "nell", "first-connection", false, "hi");
        b.deliver(forFirst, there);

        assertThat(next.delivered).isEmpty();
        assertThat(first.delivered).isEmpty();
    }

    @Test
    void aMessageFromANodeOfTheFirstReleaseReachesAGuestByNameButOneWithTokensOnlyItsGuest() {
        RecordingRecipient guest = new RecordingRecipient("nell", "her-connection");
        assertThat(a.enterUnowned(guest)).isTrue();
        PrivateMessage withoutTokens = new PrivateMessage(Instant.EPOCH, "judy", "nell", false, "from an old node");
        PrivateMessage forAnAccount = new PrivateMessage(2, Instant.EPOCH, "judy", "", "nell", "", false, "for the account");

        nodes.get("a").privateMessageByName(withoutTokens); // as the NATS link hands on a version-1 message
        nodes.get("a").privateMessage(forAnAccount);

        assertThat(guest.delivered).containsExactly(withoutTokens);
    }

    @Test
    void aLateOfflineNoticeFromTheNodeANameLeftIsNotToldOnceAnotherNodeHasItOnline() {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        b.watchOtherNodes((name, online) -> heard.add(name + (online ? " online" : " offline")));
        PresenceLink.Listener toB = nodes.get("b");

        // bob quits on a and reconnects on c at once; c's notice arrives before a's.
        toB.presence("a", "bob", true);
        toB.presence("c", "Bob", true);
        toB.presence("a", "bob", false);
        // In order, from the node that has the name: told.
        toB.presence("c", "Bob", false);
        // A name never heard of online here (before this node was up, say): its leaving is told.
        toB.presence("a", "kim", false);

        assertThat(heard).containsExactly("bob online", "Bob online", "Bob offline", "kim offline");
    }

    @Test
    void aLookUpOfANameHeldOnAnotherNodeRunsOnTheDirectorysThreadAndOneHeldHereAsksNobody() {
        a.enterUnowned(new RecordingRecipient("kim"));
        b.enterUnowned(new RecordingRecipient("lou"));
        askedOn.clear();

        CompletionStage<Optional<String>> here = b.onlineName("lou");
        assertThat(here.toCompletableFuture()).as("complete when returned").isDone();
        assertThat(askedOn).isEmpty();

        assertThat(b.onlineName("kim").toCompletableFuture().join()).contains("kim");
        assertThat(b.onlineNames(List.of("KIM", "lou", "nobody")).toCompletableFuture().join())
                .containsExactlyInAnyOrderEntriesOf(Map.of("kim", "kim", "lou", "lou"));
        assertThat(lookedUpOn).containsOnly("directory-lookup").hasSize(2);
    }

    @Test
    void aNickIsClaimedOnTheDirectorysThreadAndTheCallerDoesNotWaitForIt() throws Exception {
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        entries.execute(() -> {
            try {
                busy.await(); // the directory's thread is taken (a slow database) until the claims have been asked
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        CompletableFuture<Presence.Entry> kim = b.enterUnownedAsync(new RecordingRecipient("kim")).toCompletableFuture();
        CompletableFuture<Presence.Entry> lou = b.enterUnownedAsync(new RecordingRecipient("lou")).toCompletableFuture();
        assertThat(kim).as("returned before the directory answered").isNotDone();
        assertThat(b.enterUnowned(new RecordingRecipient("KIM"))).as("held on its node meanwhile").isFalse();
        assertThat(a.enterUnowned(new RecordingRecipient("Lou"))).as("another node's claim comes first").isTrue();
        assertThat(claimedOn).containsExactly(Thread.currentThread().getName());
        busy.countDown();

        assertThat(kim.join()).isEqualTo(Presence.Entry.ENTERED);
        assertThat(lou.join()).as("held by a").isEqualTo(Presence.Entry.REFUSED);
        assertThat(claimedOn).containsExactly(Thread.currentThread().getName(), "directory-entry", "directory-entry");
        assertThat(a.onlineName("kim").toCompletableFuture().join()).contains("kim");
        assertThat(b.enterUnownedAsync(new RecordingRecipient("lou")).toCompletableFuture().join())
                .as("refused, and nothing of it kept on b").isEqualTo(Presence.Entry.REFUSED);
        assertThat(new Presence(new RegisteredNames(List.of())).enterUnownedAsync(new RecordingRecipient("kim")).toCompletableFuture())
                .as("a single node's entry is complete when returned").isCompletedWithValue(Presence.Entry.ENTERED);
    }

    @Test
    void aClaimWaitingForTheDirectoryHoldsTheNameButReachesNobody() {
        RecordingRecipient bobOnA = new RecordingRecipient("bob");
        assertThat(a.enterUnowned(bobOnA)).isTrue();
        java.util.concurrent.CountDownLatch busy = holdTheDirectorysThread();

        RecordingRecipient claimant = new RecordingRecipient("bob");
        CompletableFuture<Presence.Entry> claim = b.enterUnownedAsync(claimant).toCompletableFuture();
        assertThat(claim).isNotDone();
        assertThat(b.find("bob")).as("not found while its claim waits").isEmpty();
        assertThat(b.size()).isZero();
        assertThat(b.enterUnowned(new RecordingRecipient("BOB"))).as("a second claimant on b").isFalse();
        assertThat(b.enterUnownedAsync(new RecordingRecipient("Bob")).toCompletableFuture())
                .as("a second claimant on b, off the caller's thread").isCompletedWithValue(Presence.Entry.REFUSED);
        // A message to bob meanwhile goes to a's bob, not to the claimant.
        Recipient to = b.reachable("bob").toCompletableFuture().join().orElseThrow();
        PrivateMessage message = new PrivateMessage(Instant.EPOCH, "judy", "bob", false, "hi");
        assertThat(b.deliver(message, to)).isTrue();
        assertThat(bobOnA.delivered).containsExactly(message);
        assertThat(claimant.delivered).isEmpty();
        busy.countDown();

        assertThat(claim.join()).isEqualTo(Presence.Entry.REFUSED);
        assertThat(b.find("bob")).isEmpty();
        assertThat(claimant.registered).isEmpty();
    }

    @Test
    void aClaimWaitingForTheDirectoryIsReachableOnceItIsAnswered() {
        java.util.concurrent.CountDownLatch busy = holdTheDirectorysThread();
        RecordingRecipient claimant = new RecordingRecipient("cy");
        CompletableFuture<Presence.Entry> claim = b.enterUnownedAsync(claimant).toCompletableFuture();
        assertThat(b.find("cy")).isEmpty();
        busy.countDown();

        assertThat(claim.join()).isEqualTo(Presence.Entry.ENTERED);
        assertThat(b.find("cy")).containsSame(claimant);
        assertThat(a.onlineName("cy").toCompletableFuture().join()).contains("cy");
    }

    @Test
    void aClaimTheDirectoryCannotTakeNowIsUnavailableNotRefused() {
        Presence full = new Presence(new RegisteredNames(List.of()), new Directory("c", 3) {
            @Override
            public java.util.concurrent.Executor entries() {
                return task -> {
                    throw new java.util.concurrent.RejectedExecutionException("too many waiting");
                };
            }
        }, new Link());
        assertThat(full.enterUnownedAsync(new RecordingRecipient("dee")).toCompletableFuture())
                .isCompletedWithValue(Presence.Entry.UNAVAILABLE);
        assertThat(full.find("dee")).isEmpty();

        Presence away = new Presence(new RegisteredNames(List.of()), new Directory("d", 4) {
            @Override
            public synchronized boolean claim(String name, long token, String guest) {
                throw new IllegalStateException("the database cannot be reached");
            }
        }, new Link());
        assertThat(away.enterUnownedAsync(new RecordingRecipient("dee")).toCompletableFuture().join())
                .isEqualTo(Presence.Entry.UNAVAILABLE);
        assertThat(full.enterUnowned(new RecordingRecipient("dee"))).as("nothing of it kept").isTrue();
    }

    /** Takes the directory's entry thread (a slow database) until the returned latch is counted down. */
    private java.util.concurrent.CountDownLatch holdTheDirectorysThread() {
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        entries.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return busy;
    }

    @Test
    void theClustersCountIsTakenOnTheDirectorysThreadAndTheCallerDoesNotWaitForIt() throws Exception {
        a.enterUnowned(new RecordingRecipient("kim"));
        b.enterUnowned(new RecordingRecipient("lou"));
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        lookups.execute(() -> {
            try {
                busy.await(); // the directory's thread is taken (a slow database) until the count has been asked
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        CompletableFuture<Integer> count = b.onlineCount().toCompletableFuture();
        assertThat(count).as("returned before the directory answered").isNotDone();
        busy.countDown();

        assertThat(count.join()).isEqualTo(2);
        assertThat(lookedUpOn).containsExactly("directory-lookup");
        assertThat(new Presence(new RegisteredNames(List.of())).onlineCount().toCompletableFuture())
                .as("a single node's count is complete when returned").isCompletedWithValue(0);
    }

    @Test
    void aPrivateMessageToAGuestOnAnotherNodeIsStoredForThatGuestAndHandedOverWithNoLookUpOnTheStoresThread() {
        RecordingRecipient guest = new RecordingRecipient("nell", "guest-token-7");
        assertThat(a.enterUnowned(guest)).isTrue();
        InMemoryHistoryStore stored = new InMemoryHistoryStore(new InMemoryEventLog());
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "store-writer"));
        HistoryStore history = new HistoryStore() {
            @Override
            public CompletionStage<Long> openSession(String user, long afterId) {
                return stored.openSession(user, afterId);
            }

            @Override
            public CompletionStage<Void> closeSession(long sessionId, long lastId) {
                return stored.closeSession(sessionId, lastId);
            }

            @Override
            public CompletionStage<Long> addPrivate(PrivateMessage message) {
                // Completes on the "store's writing thread", as the stores' writers do.
                return CompletableFuture.supplyAsync(() -> stored.addPrivate(message).toCompletableFuture().join(), writer);
            }

            @Override
            public CompletionStage<List<HistoryEntry>> history(String user, int lobbyRef) {
                return stored.history(user, lobbyRef);
            }
        };
        PrivateMessages onB = new PrivateMessages(history, b,
                new PrivateMessageQuota(1000, Duration.ofDays(1), Clock.systemUTC()), Clock.systemUTC());
        askedOn.clear();

        PrivateMessages.Outcome outcome = onB.send("judy", "", "Nell", false, "hi").toCompletableFuture().join();

        assertThat(outcome).isInstanceOf(PrivateMessages.Delivered.class);
        assertThat(guest.delivered).singleElement().satisfies(message -> {
            assertThat(message.to()).isEqualTo("nell");
            assertThat(message.toGuest()).as("the guest's own party").isEqualTo("guest-token-7");
        });
        assertThat(new Party("nell", "guest-token-7").received(guest.delivered.get(0))).isTrue();
        assertThat(askedOn).as("one look-up, before the message was stored").hasSize(1).doesNotContain("store-writer");
        writer.shutdown();
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
    private class Directory implements PresenceDirectory {
        private final String node;
        private final long life;

        Directory(String node, long life) {
            this.node = node;
            this.life = life;
        }

        @Override
        public synchronized boolean claim(String name, long token, String guest) {
            claimedOn.add(Thread.currentThread().getName());
            if (shared.getOrDefault(NameKeys.key(name), java.util.Set.of()).stream().anyMatch(hold -> !hold.startsWith(life + "/"))) {
                return false;
            }
            Holder mine = new Holder(name, node, life, token, Optional.empty(), guest);
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
        public CompletionStage<Integer> count() {
            return CompletableFuture.supplyAsync(() -> {
                lookedUpOn.add(Thread.currentThread().getName());
                return rows.size();
            }, lookups);
        }

        @Override
        public Optional<Holder> take(String name, long token, boolean keyed) {
            return Optional.ofNullable(rows.put(NameKeys.key(name), new Holder(name, node, life, token, Optional.empty(), "")));
        }

        @Override
        public void release(String name, long token, Runnable freed) {
            boolean[] deleted = {false};
            rows.computeIfPresent(NameKeys.key(name), (key, held) -> {
                deleted[0] = held.life() == life && held.token() == token;
                return deleted[0] ? null : held;
            });
            if (deleted[0]) {
                freed.run();
            }
        }

        @Override
        public Optional<Holder> holder(String name) {
            askedOn.add(Thread.currentThread().getName());
            return Optional.ofNullable(rows.get(NameKeys.key(name)));
        }

        @Override
        public CompletionStage<Map<String, Holder>> holders(Collection<String> names) {
            askedOn.add(Thread.currentThread().getName());
            return CompletableFuture.supplyAsync(() -> {
                lookedUpOn.add(Thread.currentThread().getName());
                Map<String, Holder> found = new HashMap<>();
                names.forEach(name -> Optional.ofNullable(rows.get(NameKeys.key(name)))
                        .ifPresent(holder -> found.put(NameKeys.key(name), holder)));
                return found;
            }, lookups);
        }

        @Override
        public Optional<String> registered(String name) {
            return Optional.ofNullable(accounts.get(NameKeys.key(name)));
        }

        @Override
        public CompletionStage<List<String>> names() {
            return CompletableFuture.supplyAsync(() -> {
                List<String> all = new ArrayList<>();
                rows.values().forEach(holder -> all.add(holder.name()));
                return all;
            }, lookups);
        }

        @Override
        public java.util.concurrent.Executor entries() {
            return entries;
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
        public void presence(String name, boolean online) {
            // Not carried: no test here watches names coming and going (ClusterMonitorTest does).
        }

        @Override
        public void listen(Listener listener) {
            own = listener;
            nodes.put(nodes.isEmpty() ? "a" : "b", listener);
        }
    }
}
