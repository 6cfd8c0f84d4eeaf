package io.parley.protocol.account;

import io.parley.core.AccountRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Before login, after USER: waits for {@code C PASS <encrypt(password, server key)>}; registers a
 * new user with its first valid password, checks an existing one's. The password is decrypted and
 * hashed on the crypto pool and is never stored, logged or kept.
 */
final class AwaitingPassword implements SessionState {

    /** Wrong passwords allowed; the next one closes the connection (spec: "Session"). */
    static final int MAX_FAILURES = 4;

    private final AccountSession session;
    private int failures;

    AwaitingPassword(AccountSession session) {
        this.session = session;
    }

    @Override
    public CompletionStage<SessionState> on(AccountFrame frame) {
        if (!frame.is("PASS")) {
            return SessionState.refuse(session, this, "C PASS <encrypted password>");
        }
        return decrypt(frame.argument()).thenCompose(password -> {
            if (password.isEmpty()) {
                session.send("C ERR 400 the password must be encrypted with the server's key");
                return SessionState.next(this);
            }
            return session.account().isPresent() ? check(password.get()) : register(password.get());
        });
    }

    private CompletionStage<Optional<String>> decrypt(String payload) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                byte[] clear = Pg3Cipher.decrypt(payload, session.services.serverKeys().getPrivate());
                return Optional.of(new String(clear, StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                return Optional.<String>empty();
            }
        }, session.services.cryptoPool());
    }

    private CompletionStage<SessionState> check(String password) {
        String stored = session.account().orElseThrow().passwordHash();
        return session.services.hasher().verify(password, stored).thenCompose(matches -> {
            if (matches) {
                return session.login();
            }
            failures++;
            if (failures > MAX_FAILURES) {
                session.sendAndClose("C ERR 429 too many attempts");
            } else {
                session.send("C ERR 401 incorrect password");
            }
            return SessionState.next(this);
        });
    }

    private CompletionStage<SessionState> register(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < 8 || length > 256) {
            session.send("C ERR 400 password must be 8-256 characters");
            return SessionState.next(this);
        }
        String name = session.name();
        return session.services.hasher().hash(password).thenCompose(hash -> {
            AccountRecord account = new AccountRecord(name, hash, Optional.empty());
            return session.services.accounts().create(account)
                    .handle((created, failure) -> failure == null)
                    .thenCompose(created -> created ? loginCreated(account) : refuseTaken(name));
        });
    }

    private CompletionStage<SessionState> loginCreated(AccountRecord account) {
        session.services.names().add(account.name());
        session.identify(account.name(), Optional.of(account));
        return session.login();
    }

    private CompletionStage<SessionState> refuseTaken(String name) {
        // Most likely someone registered the name between our USER and this PASS.
        session.sendAndClose(session.services.names().isRegistered(name)
                ? "C ERR 409 " + name + " was registered meanwhile; connect again"
                : "C ERR 503 could not register " + name + " now; connect again");
        return SessionState.next(this);
    }
}
