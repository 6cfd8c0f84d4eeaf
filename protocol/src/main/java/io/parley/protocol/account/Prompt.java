package io.parley.protocol.account;

import io.parley.crypto.RsaKeys;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletionStage;

/** Logged in, at the prompt: BM, PM, CH, EX, and PUBKEY (spec: "Operations"). */
final class Prompt implements SessionState {

    /** UTC ISO-8601 with milliseconds, always three digits. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final AccountSession session;

    Prompt(AccountSession session) {
        this.session = session;
    }

    @Override
    public CompletionStage<SessionState> on(AccountFrame frame) {
        switch (frame.isCommand() ? frame.verb() : "") {
            case "BM":
                session.send("C OK send the message");
                return SessionState.next(new AwaitingBroadcast(session));
            case "PM":
                // The cluster's names are read off the loop; the list is sent back on it.
                return session.services.presence().namesExcept(session.name()).thenApplyAsync(others -> {
                    session.send(others.isEmpty() ? "C USERS" : "C USERS " + String.join(" ", others));
                    return new AwaitingRecipient(session);
                }, session.onLoop);
            case "CH":
                return history();
            case "EX":
                session.sendAndClose("C OK bye");
                return SessionState.next(this);
            case "PUBKEY":
                return registerKey(frame.argument().strip());
            default:
                return SessionState.refuse(session, this, "C BM, C PM, C CH, C EX or C PUBKEY <key>");
        }
    }

    private CompletionStage<SessionState> history() {
        return HistoryReply.send(session, session.services.history().pages(session.name(), session.lobby().ref()))
                .thenApply(sent -> this);
    }

    private CompletionStage<SessionState> registerKey(String key) {
        try {
            RsaKeys.fromLine(key);
        } catch (GeneralSecurityException e) {
            session.send("C ERR 400 not a public key: expected base64 of a PEM RSA public key");
            return SessionState.next(this);
        }
        return session.services.accounts().setPublicKey(session.name(), key).thenApplyAsync(stored -> {
            session.setPublicKey(key);
            session.send("C OK key registered");
            return this;
        }, session.onLoop);
    }
}
