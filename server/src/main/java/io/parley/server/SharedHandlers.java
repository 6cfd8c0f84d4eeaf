package io.parley.server;

import io.netty.channel.ChannelHandler;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolStartException;
import java.util.HashMap;
import java.util.Map;

/**
 * The protocols' handlers, each built once per protocol and qualifier: a protocol's listeners
 * that serve the same thing share one (one directory of rooms, one set of online account users),
 * and a transport that carries another protocol (the web listener's WebSocket) gets that same one
 * ({@link ModuleContext#protocolHandler}). Built while the server starts, on its starting thread
 * only; not thread-safe then. A reload only reads it ({@link #builtFor}), after the start.
 */
final class SharedHandlers {

    private final Map<String, ProtocolSection<?>> protocols;
    private final Map<String, ChannelHandler> built = new HashMap<>();

    /** @param protocols the server's protocols by name */
    SharedHandlers(Map<String, ProtocolSection<?>> protocols) {
        this.protocols = protocols;
    }

    /** The handler of {@code protocol}'s listeners serving {@code qualifier}. */
    ChannelHandler of(ProtocolSection<?> protocol, String qualifier, ModuleContext context) throws ProtocolStartException {
        String key = protocol.name() + ":" + qualifier;
        ChannelHandler handler = built.get(key);
        if (handler == null) {
            handler = protocol.handler(qualifier, context); // may ask for another protocol's: no computeIfAbsent
            built.put(key, handler);
        }
        return handler;
    }

    /** Every handler built for the protocol named {@code name}, whatever it serves. */
    java.util.List<ChannelHandler> builtFor(String name) {
        return built.entrySet().stream().filter(entry -> entry.getKey().startsWith(name + ":"))
                .map(Map.Entry::getValue).toList();
    }

    /** The handler of the protocol named {@code name}'s own {@code <name>.port} listeners. */
    ChannelHandler main(String name, ModuleContext context) throws ProtocolStartException {
        ProtocolSection<?> protocol = protocols.get(name);
        if (protocol == null) {
            throw new ProtocolStartException("this server does not speak the " + name + " protocol");
        }
        return of(protocol, protocol.qualifier(), context);
    }
}
