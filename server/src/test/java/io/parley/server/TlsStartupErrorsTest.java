package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley serve} with a TLS listener set up wrongly: one line on stderr naming the file or
 * flag and the fix, exit code 1, nothing listening (as in {@link ServeCommandErrorsTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsStartupErrorsTest {

    @TempDir
    Path data;
    @TempDir
    Path files;

    private record Run(int exitCode, String err, String out) {}

    /** Every plaintext listener on a free loopback port, the admin one off, and {@code flags}. */
    private Run serve(String... flags) {
        List<String> args = new ArrayList<>(List.of("serve", "--data", data.toString(), "--bind", "127.0.0.1",
                "--tcd", "0", "--line", "0", "--account", "0", "--directory", "0", "--web", "off", "--admin", "off"));
        args.addAll(List.of(flags));
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exitCode = Main.commandLine().setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
            return new Run(exitCode, err.toString(), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    private static void assertOneLine(Run run, String line) {
        assertThat(run.err()).as("stderr").isEqualTo(line + System.lineSeparator());
        assertThat(run.exitCode()).as("exit code").isEqualTo(1);
        assertThat(run.out()).as("stdout: nothing listening").isEmpty();
    }

    @Test
    void aTlsPortWithoutACertificateNamesTheFlagsThatGiveOne() {
        assertOneLine(serve("--tcd-tls", "0"), "--tcd-tls needs a certificate and its key: give --tls-cert FILE and"
                + " --tls-key FILE (tls.certificate and tls.key), or turn it off with --tcd-tls off");
    }

    @Test
    void aKeyFileThatHoldsNoKeyIsNamed() throws IOException {
        TlsTestCertificates.make(files, "localhost");
        Path badKey = Files.writeString(files.resolve("bad-key.pem"), "not a key\n");

        assertOneLine(serve("--line-tls", "0", "--tls-cert", files.resolve("cert.pem").toString(),
                "--tls-key", badKey.toString()), "cannot read the TLS key " + badKey + ": no PEM private key in it"
                + " (BEGIN PRIVATE KEY); give --tls-key (tls.key) the certificate's unencrypted PKCS#8 PEM key"
                + " (BEGIN PRIVATE KEY)");
    }

    @Test
    void aKeyOfAnotherCertificateIsNamedWithTheCertificate() {
        Path first = files.resolve("first");
        Path second = files.resolve("second");
        TlsTestCertificates.make(first, "localhost");
        TlsTestCertificates.make(second, "localhost");

        assertOneLine(serve("--tcd-tls", "0", "--tls-cert", first.resolve("cert.pem").toString(),
                "--tls-key", second.resolve("key.pem").toString()),
                "the TLS key " + second.resolve("key.pem") + " is not the key of the certificate "
                        + first.resolve("cert.pem") + "; give --tls-key (tls.key) the certificate's unencrypted PKCS#8"
                        + " PEM key (BEGIN PRIVATE KEY)");
    }

    @Test
    void aMissingCertificateFileIsNamed() {
        TlsTestCertificates.make(files, "localhost");
        Path missing = files.resolve("missing.pem");

        assertOneLine(serve("--account-tls", "0", "--tls-cert", missing.toString(),
                "--tls-key", files.resolve("key.pem").toString()), "cannot read the TLS certificate " + missing
                + ": no such file; give --tls-cert (tls.certificate) a PEM certificate chain, server first, or make one"
                + " with ./parley tls self-signed --host NAME");
    }

    @Test
    void aTlsPortThatIsNotAPortNamesItsFlag() {
        assertOneLine(serve("--directory-tls", "x"), "--directory-tls must be a port (0-65535) or off, not x");
    }
}
