package io.parley.protocol.account;

import io.parley.core.account.Recipient;
import io.parley.core.text.NameKeys;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Inside PM, after the online list: waits for {@code C TO <user>} and answers with its key. */
final class AwaitingRecipient implements SessionState {

    private final AccountSession session;

    AwaitingRecipient(AccountSession session) {
        this.session = session;
    }

    @Override
    public CompletionStage<SessionState> on(AccountFrame frame) {
        if (!frame.is("TO")) {
            return SessionState.refuse(session, this, "C TO <user>");
        }
        String target = frame.argument().strip();
        if (!AwaitingUser.USER_NAME.matcher(target).matches()) {
            // No such user can be online, and the reply must not echo what it holds instead.
            session.send(AwaitingUser.BAD_USER_NAME);
            return SessionState.next(new Prompt(session));
        }
        if (NameKeys.key(target).equals(session.nameKey())) {
            session.send("C ERR 400 cannot send a private message to yourself");
            return SessionState.next(new Prompt(session));
        }
        // On any node of a cluster: then looked up off the loop, and answered back on it.
        return session.services.presence().reachable(target).thenApplyAsync(recipient -> answer(target, recipient),
                session.onLoop);
    }

    private SessionState answer(String target, Optional<Recipient> recipient) {
        if (recipient.isEmpty()) {
            // Unknown and offline users get the same answer (spec).
            session.send("C ERR 404 " + target + " is not online");
            return new Prompt(session);
        }
        String name = recipient.get().name();
        Optional<String> key = recipient.get().publicKey();
        session.send("C KEY " + name + " " + key.orElse("-"));
        return new AwaitingPrivateText(session, name, key.isPresent());
    }
}
