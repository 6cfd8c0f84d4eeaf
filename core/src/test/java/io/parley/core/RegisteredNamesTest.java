package io.parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegisteredNamesTest {

    private final RegisteredNames names = new RegisteredNames(List.of("alice"));

    @Test
    void aRegisteredNameIsTakenWhateverItsCase() {
        assertThat(names.isRegistered("alice")).isTrue();
        assertThat(names.isRegistered("ALICE")).isTrue();
        assertThat(names.isRegistered("Alice")).isTrue();
    }

    @Test
    void lookAlikesOfARegisteredNameAreTakenToo() {
        assertThat(names.isRegistered("\u0430lice")).as("Cyrillic a").isTrue();
        assertThat(names.isRegistered("AIice")).as("capital I for l").isTrue();
        assertThat(names.isRegistered("ａｌｉｃｅ")).as("fullwidth letters").isTrue();
    }

    @Test
    void otherNamesAreFree() {
        assertThat(names.isRegistered("alicia")).isFalse();
        assertThat(names.isRegistered("bob")).isFalse();
    }

    @Test
    void aNewRegistrationIsTakenAtOnce() {
        names.add("Bob");

        assertThat(names.isRegistered("bob")).isTrue();
    }
}
