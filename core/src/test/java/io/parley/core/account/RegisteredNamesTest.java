package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

    @Test
    void blankAndInvisibleLookAlikesOfARegisteredNameAreTaken() {
        assertThat(names.isRegistered("alice\u2800")).as("Braille blank").isTrue();
        assertThat(names.isRegistered("alice\u00A0")).as("no-break space").isTrue();
        assertThat(names.isRegistered("\u3000alice")).as("ideographic space").isTrue();
        assertThat(names.isRegistered("alice\u3164")).as("Hangul filler").isTrue();
        assertThat(names.isRegistered("ali\u200Bce")).as("zero-width space").isTrue();
        assertThat(names.isRegistered("ali\u00ADce")).as("soft hyphen").isTrue();
    }

    @Test
    void aSpaceInsideANameMakesAnotherName() {
        assertThat(names.isRegistered("alice says")).isFalse();
        assertThat(names.isRegistered("al ice")).isFalse();
    }

    @Test
    void aRegisteredOrLookAlikeNameCannotBeClaimed() {
        assertThat(names.claim("Alice", name -> { })).isEmpty();
        assertThat(names.claim("alice\u2800", name -> { })).isEmpty();
        assertThat(names.claim("bob", name -> { })).isPresent();
    }

    @Test
    void registeringANameRevokesEveryClaimOnItOrALookAlikeOnce() {
        List<String> told = new ArrayList<>();
        NameClaim exact = names.claim("bob", told::add).orElseThrow();
        NameClaim lookalike = names.claim("B\u043Eb", told::add).orElseThrow();
        NameClaim other = names.claim("carol", told::add).orElseThrow();

        names.add("Bob");
        names.add("bob");

        assertThat(told).containsExactly("Bob", "Bob");
        assertThat(exact.revoked()).isTrue();
        assertThat(lookalike.revoked()).isTrue();
        assertThat(other.revoked()).isFalse();
        assertThat(names.claimCount()).isEqualTo(1);
    }

    @Test
    void aReleasedClaimIsNotTold() {
        List<String> told = new ArrayList<>();
        names.claim("bob", told::add).orElseThrow().release();

        names.add("bob");

        assertThat(told).isEmpty();
        assertThat(names.claimCount()).isZero();
    }

    @Test
    void aNameHeldExclusivelyCannotBeClaimedByAnyoneElseWhateverItsCase() {
        NameClaim nick = names.claimExclusively("bob", name -> { }).orElseThrow();

        assertThat(names.claim("Bob", name -> { })).isEmpty();
        assertThat(names.claimExclusively("BOB", name -> { })).isEmpty();
        assertThat(names.heldExclusively("bOb")).isTrue();
        assertThat(names.claim("bobby", name -> { })).isPresent();

        nick.release();
        assertThat(names.heldExclusively("bob")).isFalse();
        assertThat(names.claim("Bob", name -> { })).isPresent();
    }

    @Test
    void sharedClaimsMayShareANameButKeepAnExclusiveOneOut() {
        NameClaim first = names.claim("bob", name -> { }).orElseThrow();
        NameClaim second = names.claim("Bob", name -> { }).orElseThrow();

        assertThat(names.claimExclusively("bob", name -> { })).isEmpty();
        first.release();
        assertThat(names.claimExclusively("bob", name -> { })).isEmpty();
        second.release();
        assertThat(names.claimExclusively("bob", name -> { })).isPresent();
    }
}
