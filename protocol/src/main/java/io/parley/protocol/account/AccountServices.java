package io.parley.protocol.account;

import io.parley.core.account.AccountStore;
import io.parley.core.account.HistoryStore;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.protocol.ConnectionErrors;
import java.security.KeyPair;

/**
 * What account sessions share: the core, the stores, the server's key pair, the password hasher,
 * who is online, the fair lanes to the few threads that run the slow crypto (RSA decryption,
 * Argon2id) off the event loops, the budgets of failed logins and of stored private messages.
 * Thread-safe.
 *
 * @param maxFrameBytes the longest frame accepted; longer gets {@code C ERR 413} and a close
 */
public record AccountServices(
        ChatService chat,
        RegisteredNames names,
        AccountStore accounts,
        HistoryStore history,
        KeyPair serverKeys,
        PasswordHasher hasher,
        OnlineUsers online,
        CryptoLanes cryptoLanes,
        LoginThrottle throttle,
        PrivateMessageQuota privateQuota,
        int maxFrameBytes) {

    /** The room every logged-in user is a member of (spec: account.md, "Session"). */
    public static final String LOBBY = "lobby";
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    public static final ConnectionErrors CONNECTION_ERRORS = new ConnectionErrors(
            "C ERR 429 too many connections from your address\n", "C ERR 408 no login in time\n",
            "C BYE server shutting down\n");
}
