package io.parley.client.account;

import io.parley.core.text.Text;
import java.util.Optional;

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
        Optional<AccountFrames.Broadcast> broadcast = AccountFrames.broadcast(line);
        if (broadcast.isPresent()) {
            return incoming("public", broadcast.get().from(), Text.clean(broadcast.get().text(), false));
        }
        Optional<AccountFrames.PrivateDelivery> message = AccountFrames.privateMessage(line);
        if (message.isPresent()) {
            return incoming("private", message.get().from(),
                    decryptor.readable(message.get().format(), message.get().payload()));
        }
        return Text.clean("Unreadable message from the server: " + line, false);
    }

    private static String incoming(String kind, String from, String text) {
        return "**** Incoming " + kind + " message from " + Text.clean(from, false) + " ****: " + text;
    }
}
