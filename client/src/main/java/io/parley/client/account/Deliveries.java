package io.parley.client.account;

import io.parley.protocol.Text;

/**
 * Renders what other users send (spec: {@code shared/specs/account.md}, "Client"):
 * {@code D BM alice hi} becomes {@code **** Incoming public message from alice ****: hi}, and
 * {@code D PM alice enc <payload>} or {@code D PM alice text hi} becomes
 * {@code **** Incoming private message from alice ****: hi}, decrypted. Thread-safe (immutable).
 */
final class Deliveries {

    private final MessageDecryptor decryptor;

    Deliveries(MessageDecryptor decryptor) {
        this.decryptor = decryptor;
    }

    String render(String line) {
        Reply frame = new Reply(line);
        if (frame.is("D BM")) {
            String[] parts = frame.after("D BM").split(" ", 2);
            return incoming("public", parts[0], Text.clean(parts.length > 1 ? parts[1] : "", false));
        }
        if (frame.is("D PM")) {
            String[] parts = frame.after("D PM").split(" ", 3);
            if (parts.length == 3) {
                return incoming("private", parts[0], decryptor.readable(parts[1], parts[2]));
            }
        }
        return Text.clean("Unreadable message from the server: " + line, false);
    }

    private static String incoming(String kind, String from, String text) {
        return "**** Incoming " + kind + " message from " + Text.clean(from, false) + " ****: " + text;
    }
}
