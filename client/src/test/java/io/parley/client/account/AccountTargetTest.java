package io.parley.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountTargetTest {

    @Test
    void namesFollowTheServersRuleAndCannotLeaveTheKeysDirectory() {
        assertThat(AccountTarget.usernameProblem("alice")).isEmpty();
        assertThat(AccountTarget.usernameProblem("A.b_c-9")).isEmpty();
        assertThat(AccountTarget.usernameProblem("x".repeat(32))).isEmpty();

        assertThat(AccountTarget.usernameProblem("")).isPresent();
        assertThat(AccountTarget.usernameProblem("x".repeat(33))).isPresent();
        assertThat(AccountTarget.usernameProblem("../alice")).isPresent();
        assertThat(AccountTarget.usernameProblem("zoë")).isPresent();
        assertThat(AccountTarget.usernameProblem("two words")).isPresent();
    }

    @Test
    void aServerIsKnownByItsLowerCaseHostAndPort() {
        assertThat(new AccountTarget("Chat.Example.ORG", 7713, "alice").server()).isEqualTo("chat.example.org:7713");
    }
}
