package io.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code --tls-ca} file that cannot serve is refused in one line naming it. */
class ClientTlsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingCaFileIsNamed() {
        Path missing = dir.resolve("ca.pem");
        assertThatThrownBy(() -> ClientTls.verifying(Optional.of(missing))).isInstanceOf(IOException.class)
                .hasMessage("cannot read the CA file " + missing + ": no such file");
    }

    @Test
    void aFileWithoutACertificateIsNamed() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ClientTls.verifying(Optional.of(key))).isInstanceOf(IOException.class)
                .hasMessage("cannot read the CA file " + key + ": no PEM certificate in it (BEGIN CERTIFICATE)");
    }

    @Test
    void plaintextIsTheDefault() {
        assertThat(ClientTls.PLAINTEXT.enabled()).isFalse();
    }
}
