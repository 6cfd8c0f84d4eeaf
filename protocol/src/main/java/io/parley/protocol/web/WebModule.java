package io.parley.protocol.web;

import io.netty.channel.ChannelHandler;
import io.parley.protocol.BoundListener;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import io.parley.protocol.ProtocolStartException;
import io.parley.protocol.SettingException;
import java.util.Map;

/**
 * The web listener as a server module: static files over HTTP and, at {@code /socket}, a
 * WebSocket that carries a line protocol's pipeline in place of its {@link
 * io.parley.protocol.LineFraming} (docs/web.md): {@code web.socket-protocol}, the line protocol
 * until the IRC listener is in. Stateless.
 */
public final class WebModule implements ProtocolModule<WebSettings> {

    public static final String ALLOWED_ORIGINS = "web.allowed-origins";
    public static final String TRUSTED_PROXIES = "web.trusted-proxies";
    public static final String PING_INTERVAL_SECONDS = "web.ping-interval-seconds";
    public static final String SOCKET_PROTOCOL = "web.socket-protocol";

    @Override
    public String name() {
        return "web";
    }

    @Override
    public int defaultPort() {
        return 8080;
    }

    @Override
    public String title() {
        return "Web client";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of(ALLOWED_ORIGINS, "", TRUSTED_PROXIES, "", PING_INTERVAL_SECONDS, "30", SOCKET_PROTOCOL, "irc");
    }

    @Override
    public WebSettings settings(ConfigSection config) {
        return new WebSettings(
                AllowedOrigins.parse(ALLOWED_ORIGINS, config.text(ALLOWED_ORIGINS)),
                TrustedProxies.parse(TRUSTED_PROXIES, config.text(TRUSTED_PROXIES)),
                config.positive(PING_INTERVAL_SECONDS),
                socketProtocol(config.text(SOCKET_PROTOCOL)));
    }

    private static String socketProtocol(String name) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new SettingException(SOCKET_PROTOCOL, "must name a line protocol of this server (line), not " + name);
        }
        return name;
    }

    /**
     * The web listener's own, in plain words: a notice to a WebSocket client goes through the
     * carried protocol's {@code NoticeEncoder}, in that protocol's form, and one refused while
     * the connection is still HTTP is answered 503; these only name the listener's notices.
     */
    private static final ConnectionErrors CONNECTION_ERRORS = new ConnectionErrors(
            "too many connections from your address\n", "no request in time\n", "server shutting down\n");

    @Override
    public ConnectionErrors connectionErrors() {
        return CONNECTION_ERRORS;
    }

    @Override
    public ChannelHandler handler(WebSettings settings, String qualifier, ModuleContext context)
            throws ProtocolStartException {
        // The carried protocol's own handler, shared with its TCP listeners: one set of its users.
        return new WebInitializer(settings, new StaticFiles("/web/"), context.protocolHandler(settings.socketProtocol()),
                new AccountEndpoint(settings, new SharedAccountSignup(context.accounts())));
    }

    /** {@code Web client listening on port 8080 (all interfaces): open http://localhost:8080/}. */
    @Override
    public String statusLine(BoundListener listener) {
        return ProtocolModule.super.statusLine(listener) + ": open " + url(listener);
    }

    static String url(BoundListener listener) {
        String where = listener.where();
        int open = where.indexOf('(');
        String host = open < 0 ? "all interfaces" : where.substring(open + 1, where.length() - 1);
        if (host.equals("all interfaces") || host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        } else if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return (listener.tls() ? "https://" : "http://") + host + ":" + listener.port() + "/";
    }
}
