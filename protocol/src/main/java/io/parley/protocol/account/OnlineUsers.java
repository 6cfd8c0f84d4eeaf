package io.parley.protocol.account;

import io.parley.core.account.RegisteredNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The logged-in account users, one session per name. Thread-safe. */
public final class OnlineUsers {

    private final Map<String, AccountSession> sessions = new ConcurrentHashMap<>();

    /** Makes {@code session} its user's session; returns the one it replaces, if any. */
    Optional<AccountSession> register(AccountSession session) {
        return Optional.ofNullable(sessions.put(RegisteredNames.key(session.name()), session));
    }

    /** Removes {@code session} if it is still its user's current session. */
    void remove(AccountSession session) {
        sessions.remove(RegisteredNames.key(session.name()), session);
    }

    Optional<AccountSession> find(String name) {
        return Optional.ofNullable(sessions.get(RegisteredNames.key(name)));
    }

    /** The names of everyone online but {@code except}, sorted. */
    List<String> namesExcept(String except) {
        String exceptKey = RegisteredNames.key(except);
        return sessions.values().stream().map(AccountSession::name)
                .filter(name -> !RegisteredNames.key(name).equals(exceptKey)).sorted().toList();
    }
}
