package io.parley.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.parley.protocol.BoundListener;
import io.parley.protocol.ExtraListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One listener of a starting server: what the configuration asks for (protocol, port, what it
 * serves, the flag or key that sets it), then its bound channel and the protocol handler it
 * serves, which {@link ParleyServer#start} fills in that order. Also words its start-up
 * failures: which port, which protocol, and the flag that fixes it.
 *
 * <p>Written by the starting thread only, before the listener accepts; read by event loops after.
 */
final class Listener {

    private final ProtocolSection<?> protocol;
    private final int port;
    /** What it serves (the line protocol's room), or null for the protocol as a whole. */
    private final String qualifier;
    /** The setting that asked for it when not {@code <name>.port}/{@code <name>.tls-port}: no flag sets it. */
    private final ExtraListener extra;
    /** Whether connections speak TLS first: a {@code --<protocol>-tls} listener. */
    private final boolean tls;
    /** Set once bound; accepting stays paused until the handler is set. */
    Channel channel;
    /** Set before accepting starts; the channel initializer adds it to each connection. */
    volatile ChannelHandler handler;

    private Listener(ProtocolSection<?> protocol, int port, String qualifier, ExtraListener extra, boolean tls) {
        this.protocol = protocol;
        this.port = port;
        this.qualifier = qualifier;
        this.extra = extra;
        this.tls = tls;
    }

    /**
     * The listeners {@code config} enables, in the order they are bound and printed (every
     * protocol's plaintext ones, then every protocol's TLS one); fails if two ask for the same
     * port, which would otherwise read as "address already in use".
     */
    static List<Listener> enabled(ServerConfig config) throws StartupException {
        List<Listener> listeners = requested(config);
        Map<Integer, Listener> byPort = new HashMap<>();
        for (Listener listener : listeners) {
            Listener other = listener.port == 0 ? null : byPort.putIfAbsent(listener.port, listener);
            if (other != null) {
                throw new StartupException(other.setting() + " and " + listener.setting() + " both ask for port "
                        + listener.port + "; give each listener a port of its own");
            }
        }
        return listeners;
    }

    private static List<Listener> requested(ServerConfig config) {
        List<Listener> listeners = new ArrayList<>();
        for (ProtocolSection<?> protocol : config.protocols().values()) {
            String qualifier = protocol.qualifier();
            protocol.port().ifPresent(port -> listeners.add(new Listener(protocol, port, qualifier, null, false)));
            for (ExtraListener extra : protocol.extraListeners()) {
                listeners.add(new Listener(protocol, extra.port(), extra.qualifier(), extra, false));
            }
        }
        for (ProtocolSection<?> protocol : config.protocols().values()) {
            String qualifier = protocol.qualifier();
            protocol.tlsPort().ifPresent(port -> listeners.add(new Listener(protocol, port, qualifier, null, true)));
        }
        return listeners;
    }

    /** How the operator set this listener's port: its flag, or the key of its extra listeners. */
    String setting() {
        return extra != null ? extra.key() + " (" + extra.qualifier() + ")" : flag();
    }

    /** The flag that sets this listener's port: {@code --tcd}, {@code --tcd-tls}, ... */
    private String flag() {
        return "--" + protocol.name() + (tls ? "-tls" : "");
    }

    /** The address {@code bind} names, or null for every interface; fails if it names none. */
    static InetAddress resolveBindAddress(String bind) throws StartupException {
        if (bind == null) {
            return null;
        }
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new StartupException("cannot listen on " + bind + ": no such address; give --bind an address of"
                    + " this machine, or * for every interface");
        }
    }

    ProtocolSection<?> protocol() {
        return protocol;
    }

    int port() {
        return port;
    }

    /** What it serves, or null: the handler of the same protocol and qualifier is shared. */
    String qualifier() {
        return qualifier;
    }

    boolean tls() {
        return tls;
    }

    /**
     * The key {@link ParleyServer#port} knows it by: {@code tcd}, {@code line:<room>}, ..., and
     * for a TLS listener {@code tcd-tls}, {@code line-tls:<room>}, ...
     */
    String name() {
        String label = label();
        return qualifier == null ? label : label + ":" + qualifier;
    }

    /** The protocol's name, with {@code -tls} for a TLS listener: {@code tcd}, {@code line-tls}. */
    String label() {
        return tls ? protocol.name() + "-tls" : protocol.name();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The line printed once the listener accepts; scripts and tests read these. */
    String statusLine() {
        InetSocketAddress bound = address();
        String where = "port " + bound.getPort() + " ("
                + (bound.getAddress().isAnyLocalAddress() ? "all interfaces" : bound.getAddress().getHostAddress()) + ")";
        return protocol.statusLine(new BoundListener(bound.getPort(), where, tls, qualifier));
    }

    /**
     * Why binding failed, in one line: {@code cannot listen on port 7712 (directory): address
     * already in use; choose another with --directory PORT or turn it off with --directory off}.
     */
    StartupException cannotListen(InetAddress bindAddress, Throwable cause) {
        String where = (bindAddress == null ? "" : bindAddress.getHostAddress() + " ") + "port " + port
                + " (" + protocol.name() + (tls ? " TLS" : "") + (extra != null ? " " + extra.description() : "") + ")";
        String reason = reasonOf(cause);
        String otherPort = extra != null
                ? "choose another in " + extra.key()
                : "choose another with " + flag() + " PORT or turn it off with " + flag() + " off";
        if (reason.contains("cannot assign requested address") && bindAddress != null) {
            return new StartupException("cannot listen on " + where + ": " + bindAddress.getHostAddress()
                    + " is not an address of this machine; give --bind one of its addresses, or * for every interface");
        }
        if (reason.contains("permission denied") || reason.contains("access denied")) {
            return new StartupException("cannot listen on " + where + ": permission denied (ports below 1024 need"
                    + " privileges); " + otherPort);
        }
        return new StartupException("cannot listen on " + where + ": " + reason + "; " + otherPort);
    }

    /** The OS's reason, without the transport's prefix ({@code bind(..) failed: }). */
    private static String reasonOf(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int colon = message.lastIndexOf(": ");
        String reason = colon >= 0 && message.startsWith("bind(") ? message.substring(colon + 2) : message;
        return reason.toLowerCase(Locale.ROOT);
    }
}
