package io.parley.protocol.account;

import io.parley.core.account.LoginThrottle;
import io.parley.core.account.Passwords;
import io.parley.core.account.PrivateMessageQuota;

/**
 * The account protocol's words for the core's refusals (spec: account.md, where 429 is "too many
 * attempts"). Thread-safe (stateless).
 */
final class AccountReplies {

    static final String NOT_UTF8 = "C ERR 400 the password is not valid UTF-8";
    static final String CONTROL = "C ERR 400 the password must not contain control characters";

    private AccountReplies() {}

    /** Why a new password was refused. */
    static String badPassword(Passwords.Problem problem, int minLength) {
        return switch (problem) {
            case LENGTH -> "C ERR 400 password must be " + minLength + "-" + Passwords.MAX_LENGTH + " characters";
            case CONTROL -> CONTROL;
        };
    }

    /** A login refused by the budgets of failed logins, before its password was looked at. */
    static String throttled(LoginThrottle.Refusal refusal, String accountName) {
        return "C ERR 429 too many failed logins " + (refusal.forAccount() ? "for " + accountName : "from your address")
                + "; try again in " + refusal.retryAfterSeconds() + " seconds";
    }

    /** A private message over its sender's quota. */
    static String overQuota(PrivateMessageQuota.Exceeded exceeded) {
        return "C ERR 429 private message limit reached: " + exceeded.maxBytes()
                + " bytes per account are stored per " + exceeded.window().toHours() + " hours; try again in "
                + exceeded.retryAfterHours() + " hours";
    }
}
