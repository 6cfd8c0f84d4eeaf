package io.parley.server;

import io.netty.channel.ChannelHandler;
import io.parley.protocol.BoundListener;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ExtraListener;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import io.parley.protocol.ProtocolStartException;
import java.util.List;
import java.util.OptionalInt;

/**
 * One protocol's part of the configuration: its module, its plaintext and TLS ports (each empty
 * when off, 0 for a free port) and its own settings, which only the module reads. Binds the
 * module's settings type to the module, so the server can call it without knowing either.
 * Immutable.
 *
 * @param <S> the module's settings type
 */
public record ProtocolSection<S>(ProtocolModule<S> module, OptionalInt port, OptionalInt tlsPort, S settings) {

    /** The key of the plaintext port: {@code tcd.port}. */
    static String portKey(ProtocolModule<?> module) {
        return module.name() + ".port";
    }

    /** The key of the TLS port: {@code tcd.tls-port}. */
    static String tlsPortKey(ProtocolModule<?> module) {
        return module.name() + ".tls-port";
    }

    /** {@code module}'s section of {@code config}, checked; fails naming the bad key. */
    static <S> ProtocolSection<S> read(ProtocolModule<S> module, ConfigSection config) {
        OptionalInt port = config.port(portKey(module));
        S settings = module.settings(config);
        return new ProtocolSection<>(module, port, config.port(tlsPortKey(module)), settings);
    }

    String name() {
        return module.name();
    }

    /** The server-wide account settings, if this protocol's keys hold them. */
    java.util.Optional<io.parley.protocol.SharedAccounts.Settings> accountSettings() {
        return module.accountSettings(settings);
    }

    ConnectionErrors errors() {
        return module.connectionErrors();
    }

    int idleTimeoutSeconds() {
        return module.idleTimeoutSeconds(settings);
    }

    /** What the plaintext and TLS ports serve; null for the protocol as a whole. */
    String qualifier() {
        return module.qualifier(settings);
    }

    List<ExtraListener> extraListeners() {
        return module.extraListeners(settings);
    }

    ChannelHandler handler(String qualifier, ModuleContext context) throws ProtocolStartException {
        return module.handler(settings, qualifier, context);
    }

    /** Applies {@code newer}'s live keys (see {@link ProtocolModule#reload}) to {@code handler}, built from this section. */
    @SuppressWarnings("unchecked")
    List<String> reload(ChannelHandler handler, ProtocolSection<?> newer) {
        if (newer.module() != module) {
            throw new IllegalArgumentException("not a section of " + module.name());
        }
        return module.reload(handler, (S) newer.settings());
    }

    String statusLine(BoundListener listener) {
        return module.statusLine(listener);
    }
}
