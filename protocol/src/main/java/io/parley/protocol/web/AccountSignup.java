package io.parley.protocol.web;

import io.parley.core.account.Registration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How the web listener creates an account ({@code POST /account}): the server's one set of
 * accounts, with the same password rules, Argon2id hashing and per-address limits as the account
 * protocol. Thread-safe.
 */
interface AccountSignup {

    /** Whether {@code name}, or a look-alike, is registered already. */
    boolean isRegistered(String name);

    /**
     * Registers {@code name} with {@code password} for a client at {@code address}; empty when
     * that address (or the server) has too many password checks in progress to take another now.
     */
    Optional<CompletionStage<Registration>> register(String name, String password, String address);
}
