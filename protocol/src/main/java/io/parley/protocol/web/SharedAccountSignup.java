package io.parley.protocol.web;

import io.parley.core.account.Registration;
import io.parley.protocol.CryptoLanes;
import io.parley.protocol.SharedAccounts;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link AccountSignup} onto the server's one set of accounts ({@link SharedAccounts}): the same
 * registration, Argon2id hashing and per-address crypto lanes as the account protocol and IRC's
 * SASL, so a page cannot hash more passwords at once than a terminal client could. Thread-safe.
 */
final class SharedAccountSignup implements AccountSignup {

    private final SharedAccounts shared;

    SharedAccountSignup(SharedAccounts shared) {
        this.shared = shared;
    }

    @Override
    public boolean isRegistered(String name) {
        return shared.accounts().isRegistered(name);
    }

    @Override
    public Optional<CompletionStage<Registration>> register(String name, String password, String address) {
        if (!(shared.cryptoLanes().open(address) instanceof CryptoLanes.Lane lane)) {
            return Optional.empty();
        }
        try {
            return Optional.of(shared.accounts().register(name, password, lane).whenComplete((done, failure) -> lane.close()));
        } catch (RuntimeException e) {
            lane.close();
            throw e;
        }
    }
}
