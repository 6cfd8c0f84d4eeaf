package io.parley.protocol.account;

import io.parley.core.account.PrivateMessage;
import io.parley.core.text.Text;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Inside PM, after the key: waits for {@code D <ciphertext or text>}, keeps it in history (within
 * the sender's {@link PrivateMessageQuota}, which is charged only for messages stored: a
 * recipient already offline or a store that refuses costs nothing), then relays it as it came. The server never decrypts
 * a private message.
 */
final class AwaitingPrivateText implements SessionState {

    private final AccountSession session;
    private final String recipient;
    private final boolean encrypted;

    AwaitingPrivateText(AccountSession session, String recipient, boolean encrypted) {
        this.session = session;
        this.recipient = recipient;
        this.encrypted = encrypted;
    }

    @Override
    public CompletionStage<SessionState> on(AccountFrame frame) {
        if (!frame.isData()) {
            return SessionState.refuse(session, this, "D <message>");
        }
        if (session.services.online().find(recipient).isEmpty()) {
            session.send("C ERR 404 " + recipient + " went offline");
            return SessionState.next(new Prompt(session));
        }
        session.metrics.messageReceived();
        String body = Text.clean(frame.payload(), false);
        long bytes = body.getBytes(StandardCharsets.UTF_8).length;
        PrivateMessageQuota quota = session.services.privateQuota();
        String overQuota = quota.take(session.nameKey(), bytes);
        if (overQuota != null) {
            session.send(overQuota);
            return SessionState.next(new Prompt(session));
        }
        PrivateMessage message = new PrivateMessage(Instant.now(), session.name(), recipient, encrypted, body);
        return session.services.history().addPrivate(message).whenComplete((stored, failure) -> {
            if (failure != null) {
                quota.giveBack(session.nameKey(), bytes); // not stored (a full store queue: "try again")
            }
        }).thenApply(stored -> {
            // Stored means sent: an error here would make the sender send it again (a duplicate,
            // charged twice). A recipient who left meanwhile reads it in CH.
            Optional<AccountSession> target = session.services.online().find(recipient);
            if (target.isEmpty()) {
                session.send("C OK sent; " + recipient + " went offline and finds it in CH");
            } else {
                target.get().push("D PM " + session.name() + (encrypted ? " enc " : " text ") + body);
                session.send("C OK sent");
            }
            return new Prompt(session);
        });
    }
}
