package io.parley.server;

import io.parley.protocol.SettingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
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
 * on SIGHUP ({@link ReloadSignal}). Flags override the config file, which overrides the defaults
 * in {@link ServerConfig}. Each protocol's flags ({@code --tcd}, {@code --tcd-tls}, its switches)
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
        ServerConfig settings = settings();
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
        ParleyServer server;
        try {
            server = ParleyServer.start(settings, System.out);
        } catch (Exception e) {
            started.completeExceptionally(e);
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
        started.complete(server);
        ReloadSignal.install(server);
        server.stopped().join();
        return 0;
    }

    /** The settings from the config file and the flags, or one line saying which is wrong and how. */
    private ServerConfig settings() throws StartupException {
        Properties properties = configFile();
        Map<String, String> flags = new HashMap<>();
        override(properties, flags, ServerConfig.DATA, "--data", data);
        override(properties, flags, ServerConfig.BIND, "--bind", bind);
        override(properties, flags, ServerConfig.ADMIN_PORT, "--admin", adminPort);
        override(properties, flags, ServerConfig.TLS_CERTIFICATE, "--tls-cert", tlsCertificate);
        override(properties, flags, ServerConfig.TLS_KEY, "--tls-key", tlsKey);
        override(properties, flags, ServerConfig.STORE_URL, "--store", storeUrl);
        override(properties, flags, ServerConfig.BUS_URL, "--bus", busUrl);
        override(properties, flags, ServerConfig.NODE_NAME, "--node", nodeName);
        override(properties, flags, ServerConfig.LISTENERS_ONLY, "--only", only);
        ProtocolFlags.apply(spec, ProtocolModules.ALL, (key, flag, value) -> override(properties, flags, key, flag, value),
                properties::setProperty);
        LogSettings.environment(properties, System.getenv()); // PARLEY_LOG_FORMAT: over the file, under the flag
        override(properties, flags, LogSettings.FORMAT_KEY, "--log-format", logFormat);
        override(properties, flags, LogSettings.LEVEL_KEY, "--log-level", logLevel);
        ServerConfig settings;
        try {
            settings = ServerConfig.from(properties);
            LogSettings.from(properties).apply(); // before the first line this server logs
        } catch (SettingException e) {
            String flag = flags.get(e.key());
            if (flag != null) {
                throw new StartupException(flag + " " + e.problem());
            }
            if (config == null) {
                throw new StartupException(e.getMessage());
            }
            throw new StartupException(e.key().isEmpty() ? config + ": " + e.getMessage()
                    : e.key() + " in " + config + " " + e.problem());
        }
        if (config != null) {
            log.info("Read configuration from {}", config);
        }
        return settings;
    }

    private Properties configFile() throws StartupException {
        Properties properties = new Properties();
        if (config == null) {
            return properties;
        }
        String fix = "; give --config a readable file (parley.conf documents every key)";
        try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new StartupException("cannot read config file " + config + ": no such file" + fix);
        } catch (AccessDeniedException e) {
            throw new StartupException("cannot read config file " + config + ": permission denied" + fix);
        } catch (CharacterCodingException e) {
            throw new StartupException("cannot read config file " + config + ": it is not UTF-8 text" + fix);
        } catch (IOException e) {
            String reason = Files.isDirectory(config) ? "it is a directory" : String.valueOf(e.getMessage());
            throw new StartupException("cannot read config file " + config + ": " + reason + fix);
        } catch (IllegalArgumentException e) {
            // Properties.load on a malformed unicode escape
            throw new StartupException("cannot read config file " + config + ": " + e.getMessage()
                    + "; write non-ASCII characters as they are, or as \\uXXXX with four hex digits");
        }
        return properties;
    }

    private static void override(Properties properties, Map<String, String> flags, String key, String flag,
            String value) {
        if (value != null) {
            properties.setProperty(key, value);
            flags.put(key, flag);
        }
    }
}
