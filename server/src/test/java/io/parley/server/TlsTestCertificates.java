package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Makes a certificate and key in a test the way an operator would: {@code parley tls self-signed}. */
final class TlsTestCertificates {

    private TlsTestCertificates() {}

    /** Writes {@code dir}/cert.pem and {@code dir}/key.pem for {@code host}. */
    static void make(Path dir, String host) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("tls", "self-signed", "--host", host, "--out", dir.toString());
        assertThat(exitCode).as("parley tls self-signed: " + err).isZero();
    }
}
