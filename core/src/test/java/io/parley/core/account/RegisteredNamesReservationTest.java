package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link RegisteredNames#reserve}: one registration at a time for a name and its look-alikes. */
class RegisteredNamesReservationTest {

    private final RegisteredNames names = new RegisteredNames(List.of("carol"));

    @Test
    void whileANameIsReservedNoLookAlikeOfItCanBeReserved() {
        assertThat(names.reserve("alice")).isPresent();

        assertThat(names.reserve("alice")).as("the same name").isEmpty();
        assertThat(names.reserve("ALICE")).as("another case").isEmpty();
        assertThat(names.reserve("aIice")).as("capital I for l").isEmpty();
        assertThat(names.reserve("alice\u2800")).as("Braille blank").isEmpty();
        assertThat(names.reserve("bob")).as("another name").isPresent();
    }

    @Test
    void aRegisteredNameOrALookAlikeCannotBeReserved() {
        assertThat(names.reserve("carol")).isEmpty();
        assertThat(names.reserve("caroI")).isEmpty();
    }

    @Test
    void aReleasedReservationFreesTheNameWithoutRegisteringIt() {
        names.reserve("aIice").orElseThrow().release();

        assertThat(names.isRegistered("alice")).isFalse();
        assertThat(names.reserve("alice")).isPresent();
    }

    @Test
    void aCommittedReservationRegistersTheNameAndCutsOffItsHolders() {
        List<String> told = new ArrayList<>();
        NameClaim held = names.claim("alice", told::add).orElseThrow();
        NameReservation reservation = names.reserve("alice").orElseThrow();

        reservation.commit();
        reservation.release(); // too late: it is committed

        assertThat(names.isRegistered("aIice")).isTrue();
        assertThat(names.reserve("aIice")).isEmpty();
        assertThat(held.revoked()).isTrue();
        assertThat(told).containsExactly("alice");
    }

    @Test
    void ofManyRegistrationsRacingForLookAlikesExactlyOneGetsTheName() throws Exception {
        List<String> lookalikes = List.of("alice", "aIice", "ALICE", "alice\u2800", "alice\u00A0", "\u0430lice",
                "al\u200Bice", "Alice");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(lookalikes.size());
        try {
            List<Future<Optional<NameReservation>>> racers = new ArrayList<>();
            for (String name : lookalikes) {
                Callable<Optional<NameReservation>> racer = () -> {
                    start.await();
                    return names.reserve(name);
                };
                racers.add(threads.submit(racer));
            }
            start.countDown();

            int winners = 0;
            for (Future<Optional<NameReservation>> racer : racers) {
                winners += racer.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
