package io.parley.protocol.account;

import io.parley.core.text.Text;
import java.util.concurrent.CompletionStage;

/** Inside BM: waits for {@code D <text>}, says it in lobby, and counts who received it. */
final class AwaitingBroadcast implements SessionState {

    private final AccountSession session;

    AwaitingBroadcast(AccountSession session) {
        this.session = session;
    }

    @Override
    public CompletionStage<SessionState> on(AccountFrame frame) {
        if (!frame.isData()) {
            return SessionState.refuse(session, this, "D <message>");
        }
        session.metrics.messageReceived();
        return session.services.chat().post(session.lobby(), session.name(), Text.clean(frame.payload(), false)).thenApply(stored -> {
            // Everyone in lobby but the sender, whatever their protocol, at the time of delivery.
            int others = Math.max(0, session.lobby().memberCount() - 1);
            session.send("C OK sent to " + others + " users");
            return new Prompt(session);
        });
    }
}
