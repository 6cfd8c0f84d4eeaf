package io.parley.core.account;

import io.parley.core.text.NameKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An {@link AccountStore} in memory (tests, fuzzing). Thread-safe; completes at once. */
public final class InMemoryAccountStore implements AccountStore {

    private final Map<String, AccountRecord> accounts = new LinkedHashMap<>();

    @Override
    public synchronized List<String> loadNames() {
        return accounts.values().stream().map(AccountRecord::name).toList();
    }

    @Override
    public synchronized CompletionStage<Optional<AccountRecord>> find(String name) {
        return CompletableFuture.completedFuture(Optional.ofNullable(accounts.get(NameKeys.key(name))));
    }

    @Override
    public synchronized CompletionStage<Void> create(AccountRecord account) {
        if (accounts.putIfAbsent(NameKeys.key(account.name()), account) != null) {
            return CompletableFuture.failedFuture(new NameTakenException(account.name()));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> setPublicKey(String name, String publicKey) {
        accounts.computeIfPresent(NameKeys.key(name),
                (key, account) -> new AccountRecord(account.name(), account.passwordHash(), Optional.of(publicKey)));
        return CompletableFuture.completedFuture(null);
    }
}
