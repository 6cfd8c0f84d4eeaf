package io.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Fernet against the published spec's test vector (github.com/fernet/spec, generate.json). */
class FernetTest {

    private static final String SECRET = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    private static final String TOKEN =
            "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";

    @Test
    void generatesTheSpecVector() throws GeneralSecurityException {
        byte[] iv = new byte[16];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) i;
        }
        String token = Fernet.encrypt(SECRET, "hello".getBytes(StandardCharsets.UTF_8),
                OffsetDateTime.parse("1985-10-26T01:20:00-07:00").toInstant(), iv);

        assertThat(token).isEqualTo(TOKEN);
    }

    @Test
    void verifiesTheSpecVector() throws GeneralSecurityException {
        assertThat(new String(Fernet.decrypt(SECRET, TOKEN), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void refusesAnAlteredTokenOrAnotherKey() {
        char[] altered = TOKEN.toCharArray();
        altered[40] = altered[40] == 'A' ? 'B' : 'A';

        assertThatThrownBy(() -> Fernet.decrypt(SECRET, new String(altered))).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> Fernet.decrypt(Fernet.generateKey(), TOKEN)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void roundTripsWithAFreshKey() throws GeneralSecurityException {
        String key = Fernet.generateKey();
        byte[] text = "héllo ✓".repeat(1000).getBytes(StandardCharsets.UTF_8);

        assertThat(key).hasSize(44);
        assertThat(Fernet.decrypt(key, Fernet.encrypt(key, text))).isEqualTo(text);
    }
}
