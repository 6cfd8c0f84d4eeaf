package io.parley.server;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Locale;

/**
 * The admin HTTP listener of a starting server ({@code /metrics}, {@code /livez},
 * {@code /readyz}): its port and address, then its bound channel. Like a protocol's
 * {@link Listener}, it is bound with the others before the store opens, accepts once the server
 * is set up, and words its start-up failures with the flag that fixes them.
 *
 * <p>Written by the starting thread only, before it accepts.
 */
final class AdminListener {

    static final String FLAG = "--admin";

    private final int port;
    /** The address it binds, or null for every interface. */
    private final InetAddress bindAddress;
    /** Set once bound. */
    Channel channel;

    AdminListener(int port, InetAddress bindAddress) {
        this.port = port;
        this.bindAddress = bindAddress;
    }

    /** The admin listener {@code config} asks for, or null when it is off. */
    static AdminListener of(ServerConfig config) throws StartupException {
        if (config.adminPort().isEmpty()) {
            return null;
        }
        InetAddress address;
        try {
            address = Listener.resolveBindAddress(config.adminBind());
        } catch (StartupException e) {
            throw new StartupException("cannot listen on " + config.adminBind() + " (admin): no such address; give "
                    + ServerConfig.ADMIN_BIND + " an address of this machine, or * for every interface");
        }
        return new AdminListener(config.adminPort().getAsInt(), address);
    }

    int port() {
        return port;
    }

    InetSocketAddress socketAddress() {
        return bindAddress == null ? new InetSocketAddress(port) : new InetSocketAddress(bindAddress, port);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The line printed once it accepts, like the protocol listeners' lines, with the paths it serves. */
    String statusLine(Collection<String> paths) {
        InetSocketAddress bound = address();
        return "Admin HTTP listening on port " + bound.getPort() + " ("
                + (bound.getAddress().isAnyLocalAddress() ? "all interfaces" : bound.getAddress().getHostAddress())
                + "): " + String.join(", ", paths);
    }

    /** Why binding failed, in one line naming the port and the flag that fixes it. */
    StartupException cannotListen(Throwable cause) {
        String where = (bindAddress == null ? "" : bindAddress.getHostAddress() + " ") + "port " + port + " (admin)";
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int colon = message.lastIndexOf(": ");
        String reason = (colon >= 0 && message.startsWith("bind(") ? message.substring(colon + 2) : message)
                .toLowerCase(Locale.ROOT);
        return new StartupException("cannot listen on " + where + ": " + reason + "; choose another with " + FLAG
                + " PORT or turn it off with " + FLAG + " off");
    }
}
