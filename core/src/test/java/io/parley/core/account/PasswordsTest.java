package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        assertThat(Passwords.decode(new byte[] {'a', 'b', (byte) 0xff, 'c'})).isEmpty();
        assertThat(Passwords.decode(new byte[] {(byte) 0xc0, (byte) 0xaf})).as("overlong /").isEmpty();
        assertThat(Passwords.decode("pässwörd".getBytes(StandardCharsets.UTF_8))).contains("pässwörd");
    }

    @Test
    void preparingMapsNonAsciiSpacesAndComposes() {
        assertThat(Passwords.prepare("cafe\u0301 au\u00A0lait")).isEqualTo("caf\u00E9 au lait");
        assertThat(Passwords.prepare("two\u3000words")).isEqualTo("two words");
    }

    @Test
    void asciiPasswordsAreUnchanged() {
        String ascii = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~ ";
        assertThat(Passwords.prepare(ascii)).isEqualTo(ascii);
    }

    @Test
    void newPasswordsFollowTheLengthRuleAndHoldNoControlCharacters() {
        assertThat(Passwords.problemWithNew("short")).contains(Passwords.Problem.LENGTH);
        assertThat(Passwords.problemWithNew("long enough\u0007")).contains(Passwords.Problem.CONTROL);
        assertThat(Passwords.problemWithNew("long enough")).isEmpty();
    }
}
