package io.parley.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley serve}: runs the server until Ctrl-C, SIGTERM or an allowed KILL_SERVICE, reloading
 * on SIGHUP ({@link ReloadSignal}, {@link ConfigReload}). Flags override the config file, which
 * overrides the defaults in {@link ServerConfig}, at the start and on each reload ({@link ServeSettings}). Each protocol's flags ({@code --tcd}, {@code --tcd-tls}, its switches)
 * come from its module ({@link ProtocolFlags}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the chat server.",
        modelTransformer = ProtocolFlags.class)
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Config file; parley.conf documents every key. Flags win over it.")
    private Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory, used by one server at a time (default: ./data).")
    private String data;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on, or * for every interface, IPv4 and IPv6 (default: *;"
                    + " other machines can connect, 127.0.0.1 keeps it to this one).")
    private String bind;

    @Option(names = "--admin", paramLabel = "PORT", description = "Admin HTTP port (/metrics, /livez, /readyz) on"
            + " 127.0.0.1 unless admin.bind says otherwise, 0 for a free one, or off (default: 9090).")
    private String adminPort;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "TLS certificate chain (PEM, server first) for"
            + " the --*-tls listeners.")
    private String tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The certificate's private key (unencrypted"
            + " PKCS#8 PEM).")
    private String tlsKey;

    @Option(names = "--store", paramLabel = "URL", description = "The store of record every node of a cluster"
            + " shares, postgresql://HOST:PORT/DB[?user=NAME] (default: SQLite in the data directory).")
    private String storeUrl;

    @Option(names = "--bus", paramLabel = "URL", description = "The NATS server a cluster's nodes fan out"
            + " through, nats://HOST:PORT (default: none, a single node). Needs --store and --node.")
    private String busUrl;

    @Option(names = "--node", paramLabel = "NAME", description = "This node's name, unique in the cluster.")
    private String nodeName;

    @Option(names = "--only", paramLabel = "NAME[,NAME...]", description = "Serve only these protocols"
            + " (tcd, line, ...): every other one's listeners, plain and TLS, are off (listeners.only).")
    private String only;

    /** Holds the options {@link ProtocolFlags} adds: each protocol's port flags and switches. */
    @Spec
    private CommandSpec spec;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (default) or json: one JSON object per"
            + " log line, for log shippers (log.format, PARLEY_LOG_FORMAT).")
    private String logFormat;

    @Option(names = "--log-level", paramLabel = "LEVELS", description = "info (default), debug, warn, ..., and"
            + " logger=level pairs: info,io.parley.server.ConnectionGuard=debug (log.level).")
    private String logLevel;

    @Override
    public Integer call() throws Exception {
        ServeSettings sources = sources();
        Properties properties = sources.read();
        ServerConfig settings = sources.parse(properties);
        LogSettings.from(properties).apply(); // before the first line this server logs
        if (config != null) {
            log.info("Read configuration from {}", config);
        }
        // The hook is in place before any listener binds and waits for the start to finish, so
        // a SIGTERM that follows the "listening" line at once still stops the server cleanly.
        CompletableFuture<ParleyServer> started = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            ParleyServer server;
            try {
                server = started.join();
            } catch (CompletionException failedToStart) {
                return; // keep the exit code the JVM is leaving with
            }
            server.stop();
            // Ctrl-C and SIGTERM are the normal way to stop a server: exit 0 once stopped
            // cleanly, rather than the JVM's 130/143.
            Runtime.getRuntime().halt(0);
        }, "parley-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // Before the listener lines are printed: whoever reads them may send SIGHUP at once, and
        // a SIGHUP before the handler would be the JVM's (a shutdown). One during start-up
        // reloads once the server has started.
        ReloadSignal.install(started);
        ParleyServer server;
        try {
            server = ParleyServer.start(settings, System.out, sources, properties, true);
        } catch (Exception e) {
            started.completeExceptionally(e);
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
        started.complete(server);
        server.stopped().join();
        return 0;
    }

    /** Where the settings come from: the config file and the flags, kept for reloads. */
    private ServeSettings sources() {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> flags = new HashMap<>();
        FlagSink flag = (key, name, value) -> {
            if (value != null) {
                values.put(key, value);
                flags.put(key, name);
            }
        };
        flag.set(ServerConfig.DATA, "--data", data);
        flag.set(ServerConfig.BIND, "--bind", bind);
        flag.set(ServerConfig.ADMIN_PORT, "--admin", adminPort);
        flag.set(ServerConfig.TLS_CERTIFICATE, "--tls-cert", tlsCertificate);
        flag.set(ServerConfig.TLS_KEY, "--tls-key", tlsKey);
        flag.set(ServerConfig.STORE_URL, "--store", storeUrl);
        flag.set(ServerConfig.BUS_URL, "--bus", busUrl);
        flag.set(ServerConfig.NODE_NAME, "--node", nodeName);
        flag.set(ServerConfig.LISTENERS_ONLY, "--only", only);
        ProtocolFlags.apply(spec, ProtocolModules.ALL, flag::set, values::put);
        flag.set(LogSettings.FORMAT_KEY, "--log-format", logFormat);
        flag.set(LogSettings.LEVEL_KEY, "--log-level", logLevel);
        return new ServeSettings(config, values, flags, System.getenv());
    }

    private interface FlagSink {
        void set(String key, String flag, String value);
    }
}
