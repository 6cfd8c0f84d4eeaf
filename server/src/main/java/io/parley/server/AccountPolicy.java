package io.parley.server;

/**
 * The limits on account logins and private messages (documented in {@code parley.conf} and
 * {@code docs/limits.md}).
 *
 * @param failuresPerAccount wrong passwords an account may get per window, from anywhere, before
 *     its logins are refused until the window ends
 * @param failuresPerAddress the same per client address (an IPv6 /64), whatever the accounts
 * @param failureWindowSeconds that window, from the first failure counted
 * @param inProgressPerAddress password checks (logins) in progress at once from one address;
 *     past it a login gets {@code C ERR 429 ...} at once
 * @param inProgressTotal the same for the whole server; past it {@code C ERR 503 ...}
 * @param privateBytesPerDay bytes of private messages stored per account per day
 */
public record AccountPolicy(
        int failuresPerAccount,
        int failuresPerAddress,
        int failureWindowSeconds,
        int inProgressPerAddress,
        int inProgressTotal,
        long privateBytesPerDay) {}
