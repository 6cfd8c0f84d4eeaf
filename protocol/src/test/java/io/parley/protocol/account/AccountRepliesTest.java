package io.parley.protocol.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.account.LoginThrottle;
import io.parley.core.account.Passwords;
import io.parley.core.account.PrivateMessageQuota;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The account protocol's wording of the core's refusals. */
class AccountRepliesTest {

    @Test
    void throttledLoginsSayWhoseBudgetAndHowLong() {
        assertThat(AccountReplies.throttled(new LoginThrottle.Refusal(true, Duration.ofMinutes(4)), "alice"))
                .isEqualTo("C ERR 429 too many failed logins for alice; try again in 240 seconds");
        assertThat(AccountReplies.throttled(new LoginThrottle.Refusal(false, Duration.ofMillis(299_001)), "someone"))
                .isEqualTo("C ERR 429 too many failed logins from your address; try again in 300 seconds");
    }

    @Test
    void privateMessagesOverQuotaSayTheBudget() {
        assertThat(AccountReplies.overQuota(new PrivateMessageQuota.Exceeded(1000, Duration.ofDays(1), Duration.ofMinutes(90))))
                .isEqualTo("C ERR 429 private message limit reached: 1000 bytes per account are stored per 24 hours;"
                        + " try again in 2 hours");
    }

    @Test
    void passwordProblemsKeepTheirWording() {
        assertThat(AccountReplies.badPassword(Passwords.Problem.LENGTH, 8)).isEqualTo("C ERR 400 password must be 8-256 characters");
        assertThat(AccountReplies.badPassword(Passwords.Problem.CONTROL, 8))
                .isEqualTo("C ERR 400 the password must not contain control characters");
    }
}
