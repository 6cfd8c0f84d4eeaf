package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Registering and verifying accounts in the core, as every protocol's login does. */
class AccountsTest {

    private static final Executor INLINE = Runnable::run;
    private static final String PASSWORD = "correct horse battery";

    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final RegisteredNames names = new RegisteredNames(List.of());
    private final FakeHashing hashing = new FakeHashing();
    private final Accounts accounts = new Accounts(store, names, hashing,
            new LoginThrottle(2, 100, Duration.ofMinutes(5), Clock.systemUTC()));

    private Registration register(String name, String password) {
        return accounts.register(name, password, INLINE).toCompletableFuture().join();
    }

    private AccountRecord stored(String name) {
        return store.find(name).toCompletableFuture().join().orElseThrow();
    }

    private boolean verify(String name, String password, String address) {
        return accounts.verify(stored(name), password, address, INLINE).toCompletableFuture().join();
    }

    @Test
    void aRegistrationStoresAPreparedHashAndRegistersTheName() {
        Registration done = register("alice", "caf\u0065\u0301 au\u00A0lait");

        assertThat(done).isInstanceOf(Registration.Created.class);
        assertThat(stored("alice").passwordHash()).isEqualTo("fake$caf\u00E9 au lait");
        assertThat(accounts.isRegistered("ALICE")).isTrue();
        assertThat(accounts.isRegistered("a\u0406ice")).as("a look-alike").isTrue();
    }

    @Test
    void aBadPasswordRegistersNothing() {
        assertThat(register("alice", "short")).isEqualTo(new Registration.BadPassword(Passwords.Problem.LENGTH));
        assertThat(register("alice", "long enough\u0007")).isEqualTo(new Registration.BadPassword(Passwords.Problem.CONTROL));

        assertThat(store.find("alice").toCompletableFuture().join()).isEmpty();
        assertThat(accounts.isRegistered("alice")).isFalse();
    }

    @Test
    void ofTwoRacingRegistrationsOfLookAlikeNamesOnlyTheFirstSucceeds() {
        hashing.holdHashes();
        var first = accounts.register("alice", PASSWORD, INLINE);
        var second = accounts.register("aIice", PASSWORD, INLINE);
        hashing.releaseHashes();

        assertThat(first.toCompletableFuture().join()).isInstanceOf(Registration.Created.class);
        assertThat(second.toCompletableFuture().join()).isEqualTo(new Registration.Taken());
        assertThat(store.find("aIice").toCompletableFuture().join()).isEmpty();
    }

    @Test
    void aRegistrationTheStoreRefusesAsTakenIsTakenAndHoldsNoName() {
        // Stored by another path (another node of a cluster) that this node's names have not heard of.
        store.create(new AccountRecord("bob", "fake$elsewhere", Optional.empty())).toCompletableFuture().join();

        assertThat(register("BOB", PASSWORD)).as("the store refuses").isEqualTo(new Registration.Taken());
        assertThat(register("carol", PASSWORD)).as("the reservation was released")
                .isInstanceOf(Registration.Created.class);
    }

    @Test
    void registeringANameTellsWhoeverChatsUnderALookAlike() {
        List<String> told = new ArrayList<>();
        NameClaim claim = names.claim("ALICE", told::add).orElseThrow();

        register("alice", PASSWORD);

        assertThat(told).containsExactly("alice");
        assertThat(claim.revoked()).isTrue();
    }

    @Test
    void verifyAcceptsTheRightPasswordAndCountsWrongOnes() {
        register("alice", PASSWORD);

        assertThat(verify("alice", PASSWORD, "10.0.0.1")).isTrue();
        assertThat(accounts.refusal(Optional.of(stored("alice")), "10.0.0.1")).isEmpty();
        assertThat(verify("alice", "wrong one", "10.0.0.1")).isFalse();
        assertThat(verify("alice", "wrong two", "10.0.0.2")).isFalse();

        assertThat(accounts.refusal(Optional.of(stored("alice")), "10.0.0.3")).as("the account's budget is spent")
                .hasValueSatisfying(refusal -> assertThat(refusal.forAccount()).isTrue());
        assertThat(accounts.refusal(Optional.empty(), "10.0.0.3")).as("a new user elsewhere").isEmpty();
    }

    @Test
    void aHashStoredBeforePasswordsWerePreparedStillVerifiesAsTyped() {
        String typed = "cafe\u0301\u00A0noir";
        store.create(new AccountRecord("ben", "fake$" + typed, Optional.empty())).toCompletableFuture().join();

        assertThat(verify("ben", typed, "10.0.0.1")).isTrue();
        assertThat(hashing.verified).containsExactly("caf\u00E9 noir", typed);
    }
}
