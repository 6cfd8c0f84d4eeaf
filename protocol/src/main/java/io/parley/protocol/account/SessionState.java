package io.parley.protocol.account;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One step of an account session (before login, at the prompt, inside a BM or PM exchange): it
 * takes a frame and says which state comes next. A frame that does not fit gets
 * {@code C ERR 400 <what was expected>} and the session stays where it was.
 * Implementations run on the session's event loop; their stages may complete on any thread, so a
 * continuation that changes the session runs on {@link AccountSession#onLoop}.
 */
interface SessionState {

    CompletionStage<SessionState> on(AccountFrame frame);

    /** Refuses a frame that does not fit this state. */
    static CompletionStage<SessionState> refuse(AccountSession session, SessionState stay, String expected) {
        session.send("C ERR 400 expected " + expected);
        return CompletableFuture.completedFuture(stay);
    }

    static CompletionStage<SessionState> next(SessionState state) {
        return CompletableFuture.completedFuture(state);
    }
}
