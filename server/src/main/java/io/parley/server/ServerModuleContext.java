package io.parley.server;

import io.parley.core.Store;
import io.parley.core.account.Presence;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.core.room.RoomModeLink;
import io.netty.channel.ChannelHandler;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolStartException;
import io.parley.protocol.SharedAccounts;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What a running server gives its protocols ({@link ModuleContext}). Immutable; its parts are
 * thread-safe.
 *
 * @param presence the one presence every protocol shares, built on {@code names}
 * @param accounts the one set of accounts, login throttles and private messages, on {@code presence}
 * @param out the server's stdout, for status lines
 * @param stop stops the server; blocks, so {@link #stopServer} runs it on a thread of its own
 * @param handlers the protocols' handlers, shared between their listeners and other transports
 * @param roomModes how this node tells the others of a room's modes (nobody, on a single node)
 */
record ServerModuleContext(ChatService chat, RegisteredNames names, Presence presence, SharedAccounts accounts,
        Store store, Path dataDirectory,
        Executor cryptoPool, int cryptoThreads, PrintStream out, Runnable stop, SharedHandlers handlers,
        RoomModeLink roomModes)
        implements ModuleContext {

    @Override
    public ChannelHandler protocolHandler(String protocol) throws ProtocolStartException {
        return handlers.main(protocol, this);
    }

    @Override
    public Consumer<String> console() {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    @Override
    public void stopServer() {
        new Thread(stop, "parley-kill-service").start();
    }
}
