package io.parley.core.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A {@link PasswordHashing} for core tests: the "hash" is the password behind a marker, and a
 * test may hold hashes back ({@link #holdHashes}) to interleave two registrations.
 */
final class FakeHashing implements PasswordHashing {

    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private boolean holding;
    final List<String> verified = new ArrayList<>();

    void holdHashes() {
        holding = true;
    }

    /** Lets every held hash complete, in the order they were asked for. */
    void releaseHashes() {
        holding = false;
        List<CompletableFuture<Void>> waiting = new ArrayList<>(held);
        held.clear();
        waiting.forEach(gate -> gate.complete(null));
    }

    @Override
    public CompletionStage<String> hash(String password, Executor on) {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        if (holding) {
            held.add(gate);
        } else {
            gate.complete(null);
        }
        return gate.thenApplyAsync(done -> "fake$" + password, on);
    }

    @Override
    public CompletionStage<Boolean> verify(String password, String stored, Executor on) {
        verified.add(password);
        return CompletableFuture.supplyAsync(() -> stored.equals("fake$" + password), on);
    }
}
