package io.parley.core.account;

/**
 * How an attempt to register an account ended ({@link Accounts#register}); each protocol words
 * the refusals in its own form.
 */
public sealed interface Registration {

    /** The account is stored and its name registered. */
    record Created(AccountRecord account) implements Registration {}

    /** The password may not be registered; nothing was stored, the name is still free. */
    record BadPassword(Passwords.Problem problem) implements Registration {}

    /** The name, or one that looks like it, was registered (or is being registered) meanwhile. */
    record Taken() implements Registration {}

    /** The store refused the account for another reason; trying again later may work. */
    record NotNow() implements Registration {}
}
