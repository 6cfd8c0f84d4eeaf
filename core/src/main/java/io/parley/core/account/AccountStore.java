package io.parley.core.account;

import io.parley.core.text.NameKeys;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Port: registered accounts. Names are looked up by {@link NameKeys#key}.
 *
 * <p>Thread-safe. Only {@link #loadNames} blocks (start-up); the rest never block their caller.
 */
public interface AccountStore {

    /** Every registered name. */
    List<String> loadNames();

    CompletionStage<Optional<AccountRecord>> find(String name);

    /**
     * Registers a new account; fails if the name (folded) is taken, with a
     * {@link NameTakenException} when the store knows that is why (a store shared by a cluster's
     * nodes also refuses a look-alike of a registered name that way).
     */
    CompletionStage<Void> create(AccountRecord account);

    CompletionStage<Void> setPublicKey(String name, String publicKey);
}
