package io.parley.protocol.account;

import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/** Before login: waits for {@code C USER <name>}, then offers the server key (spec: "Session"). */
final class AwaitingUser implements SessionState {

    /** 1-32 letters, digits, '-', '_' or '.' (spec: account.md). */
    static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    static final String BAD_USER_NAME = "C ERR 400 user names are 1-32 letters, digits, '-', '_' or '.'";

    private final AccountSession session;
    private final String serverKeyLine;

    AwaitingUser(AccountSession session, String serverKeyLine) {
        this.session = session;
        this.serverKeyLine = serverKeyLine;
    }

    @Override
    public CompletionStage<SessionState> on(AccountFrame frame) {
        if (!frame.is("USER")) {
            return SessionState.refuse(session, this, "C USER <name>");
        }
        String name = frame.argument().strip();
        if (!USER_NAME.matcher(name).matches()) {
            session.send(BAD_USER_NAME);
            return SessionState.next(this);
        }
        // Back on the event loop before the session changes (the store answers on its thread).
        return session.services.accounts().find(name).thenApplyAsync(account -> {
            if (account.isEmpty() && session.services.accounts().isRegistered(name)) {
                session.send("C ERR 409 " + name + " looks like a registered name; choose another");
                return this;
            }
            session.identify(name, account);
            session.send((account.isPresent() ? "C EXISTING " : "C NEW ") + serverKeyLine);
            return new AwaitingPassword(session);
        }, session.onLoop);
    }
}
