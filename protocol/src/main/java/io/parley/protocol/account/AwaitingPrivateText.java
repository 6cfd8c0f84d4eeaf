package io.parley.protocol.account;

import io.parley.core.account.PrivateMessages;
import io.parley.core.text.Text;
import java.util.concurrent.CompletionStage;

/**
 * Inside PM, after the key: waits for {@code D <ciphertext or text>} and sends it through the
 * core's {@link PrivateMessages} (stored within the sender's quota, then delivered as it came);
 * answers how that went. The server never decrypts a private message.
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
        String body = Text.clean(frame.payload(), false);
        return session.services.privateMessages().send(session.name(), recipient, encrypted, body).whenComplete((outcome, failure) -> {
            if (!(outcome instanceof PrivateMessages.NotOnline)) {
                session.metrics.messageReceived(); // received, even if the store refused it
            }
        }).thenApply(outcome -> {
            session.send(reply(outcome));
            return new Prompt(session);
        });
    }

    private String reply(PrivateMessages.Outcome outcome) {
        if (outcome instanceof PrivateMessages.NotOnline) {
            return "C ERR 404 " + recipient + " went offline";
        }
        if (outcome instanceof PrivateMessages.OverQuota over) {
            return AccountReplies.overQuota(over.exceeded());
        }
        // Stored means sent: an error here would make the sender send it again (a duplicate,
        // charged twice). A recipient who left meanwhile reads it in CH.
        return outcome instanceof PrivateMessages.StoredOnly ? "C OK sent; " + recipient + " went offline and finds it in CH"
                : "C OK sent";
    }
}
