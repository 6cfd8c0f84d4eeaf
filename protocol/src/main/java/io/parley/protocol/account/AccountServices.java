package io.parley.protocol.account;

import io.parley.core.account.Accounts;
import io.parley.core.account.HistoryStore;
import io.parley.core.account.Presence;
import io.parley.core.account.PrivateMessages;
import io.parley.core.room.ChatService;
import io.parley.protocol.ConnectionErrors;
import java.security.KeyPair;

/**
 * What account sessions share: the core (rooms, accounts, who is logged in, private messages,
 * history), the server's key pair, and the fair lanes to the few threads that run the slow
 * crypto (RSA decryption, Argon2id) off the event loops. Thread-safe.
 *
 * @param maxFrameBytes the longest frame accepted; longer gets {@code C ERR 413} and a close
 */
public record AccountServices(
        ChatService chat,
        Accounts accounts,
        Presence presence,
        PrivateMessages privateMessages,
        HistoryStore history,
        KeyPair serverKeys,
        CryptoLanes cryptoLanes,
        int maxFrameBytes) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    public static final ConnectionErrors CONNECTION_ERRORS = new ConnectionErrors(
            "C ERR 429 too many connections from your address\n", "C ERR 408 no login in time\n",
            "C BYE server shutting down\n", "C BYE %s\n");
}
