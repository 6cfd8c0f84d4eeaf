package io.parley.core.account;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Port: the slow salted hash that accounts keep instead of passwords (Argon2id in the server, in
 * a module that may use a crypto library; the core does not). Hashing is slow on purpose, so
 * each call names the executor it runs on (a login's lane to the crypto threads); the core
 * starts no thread of its own.
 *
 * <p>Thread-safe.
 */
public interface PasswordHashing {

    /** A new salted hash of {@code password} in PHC string form, computed on {@code on}. */
    CompletionStage<String> hash(String password, Executor on);

    /** Whether {@code password} matches {@code stored}, computed on {@code on}; false for a malformed hash. */
    CompletionStage<Boolean> verify(String password, String stored, Executor on);
}
