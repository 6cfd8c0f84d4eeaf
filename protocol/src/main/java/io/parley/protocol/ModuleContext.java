package io.parley.protocol;

import io.parley.core.Store;
import io.parley.core.account.Presence;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What the server gives a protocol to build its connections' handlers with: the core, the
 * store, a few threads for slow crypto, its stdout and a way to stop it. One per server,
 * shared by every protocol; thread-safe.
 */
public interface ModuleContext {

    ChatService chat();

    /** The names accounts own, which no other protocol may take. */
    RegisteredNames names();

    /**
     * Who is reachable by name, the one registry for the whole server (built on {@link #names}),
     * so that every protocol sees the same online users: a module uses it rather than building
     * its own.
     */
    Presence presence();

    Store store();

    /**
     * The server's one set of accounts, login throttles and private messages (built on
     * {@link #presence}), which every protocol that logs users in shares: the account protocol
     * and IRC's SASL check the same passwords against the same budgets.
     */
    SharedAccounts accounts();

    /**
     * How this node tells the other nodes of a cluster that a room's modes changed, and hears of
     * theirs; {@link RoomModeLink#NONE} on a single node.
     */
    default io.parley.core.room.RoomModeLink roomModes() {
        return io.parley.core.room.RoomModeLink.NONE;
    }

    /** The data directory, which holds files a protocol keeps (the account protocol's key pair). */
    Path dataDirectory();

    /** The few threads for slow crypto (Argon2id, RSA), so it stays off the event loops. */
    Executor cryptoPool();

    /** How many threads {@link #cryptoPool} has. */
    int cryptoThreads();

    /**
     * Prints one status line to the server's stdout, where scripts read the listeners' lines.
     * Quick, so event loops may call it.
     */
    Consumer<String> console();

    /** Starts stopping the server on a thread of its own and returns at once (TCD's KILL_SERVICE). */
    void stopServer();

    /**
     * The handler another protocol's {@code <name>.port} listeners use, the same instance (so
     * connections carried by another transport share that protocol's state: one IRC server, one
     * set of nicks), built now if that protocol has no listener on: how the web listener carries
     * a line protocol over WebSocket. Fails when this server does not speak {@code protocol}.
     */
    default io.netty.channel.ChannelHandler protocolHandler(String protocol) throws ProtocolStartException {
        throw new ProtocolStartException("this server cannot carry the " + protocol + " protocol");
    }
}
