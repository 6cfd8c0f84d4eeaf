package io.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pg3lib hybrid format: round trips in Java, and both directions with a Python client built
 * on the {@code cryptography} package (python3 with it must be on the machine).
 */
class Pg3CipherTest {

    private static final String TEXT = "a private message, ünïcödé ✓";

    @TempDir
    Path dir;

    @Test
    void roundTripsAndPublicKeysSurviveTheirLineForm() throws Exception {
        KeyPair pair = RsaKeys.generate();
        String line = RsaKeys.toLine(pair.getPublic());

        String payload = Pg3Cipher.encrypt(TEXT.getBytes(StandardCharsets.UTF_8), RsaKeys.fromLine(line));

        assertThat(line).doesNotContain("\n");
        assertThat(new String(Pg3Cipher.decrypt(payload, pair.getPrivate()), StandardCharsets.UTF_8)).isEqualTo(TEXT);
    }

    @Test
    void decryptsWhatPythonEncrypted() throws Exception {
        KeyPair pair = RsaKeys.loadOrCreate(dir.resolve("key.pem"));

        String payload = python("encrypt", RsaKeys.toLine(pair.getPublic()), TEXT).strip();

        assertThat(new String(Pg3Cipher.decrypt(payload, pair.getPrivate()), StandardCharsets.UTF_8)).isEqualTo(TEXT);
    }

    @Test
    void pythonDecryptsWhatJavaEncrypted() throws Exception {
        Path keyFile = dir.resolve("key.pem");
        KeyPair pair = RsaKeys.loadOrCreate(keyFile);

        String payload = Pg3Cipher.encrypt(TEXT.getBytes(StandardCharsets.UTF_8), pair.getPublic());

        assertThat(python("decrypt", keyFile.toString(), payload)).isEqualTo(TEXT);
    }

    @Test
    void aKeyPairIsKeptAndReadBack() throws Exception {
        Path keyFile = dir.resolve("keys/server.pem");
        KeyPair first = RsaKeys.loadOrCreate(keyFile);
        KeyPair again = RsaKeys.loadOrCreate(keyFile);

        assertThat(again.getPublic()).isEqualTo(first.getPublic());
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    private String python(String... args) throws IOException, InterruptedException, GeneralSecurityException {
        Path script = dir.resolve("pg3_interop.py");
        try (var in = getClass().getResourceAsStream("/pg3/pg3_interop.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("python3 said: %s", output).isZero();
        return output;
    }
}
