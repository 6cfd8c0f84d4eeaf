package io.parley.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley serve}: runs the server until Ctrl-C, SIGTERM or an allowed KILL_SERVICE. Flags
 * override the config file, which overrides the defaults in {@link ServerConfig}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the chat server.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (see parley.conf).")
    private Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ./data).")
    private String data;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: all).")
    private String bind;

    @Option(names = "--tcd", paramLabel = "PORT", description = "TCD protocol port, or off (default: 7710).")
    private String tcdPort;

    @Option(names = "--line", paramLabel = "PORT", description = "Line protocol port, or off (default: 7711).")
    private String linePort;

    @Option(names = "--account", paramLabel = "PORT", description = "Account protocol port, or off (default: 7713).")
    private String accountPort;
    @Option(names = "--directory", paramLabel = "PORT",
            description = "Chat room directory port, or off (default: 7712).")
    private String directoryPort;

    @Option(names = "--allow-kill", description = "Let a TCD client's KILL_SERVICE stop the server.")
    private boolean allowKill;

    @Override
    public Integer call() throws Exception {
        ServerConfig settings = ServerConfig.from(properties());
        // The hook is in place before any listener binds and waits for the start to finish, so
        // a SIGTERM that follows the "listening" line at once still stops the server cleanly.
        CompletableFuture<ParleyServer> started = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
        }, "parley-shutdown"));
        ParleyServer server;
        try {
            server = ParleyServer.start(settings, System.out);
        } catch (Exception e) {
            started.completeExceptionally(e);
            throw e;
        }
        started.complete(server);
        server.stopped().join();
        return 0;
    }

    private Properties properties() throws IOException {
        Properties properties = new Properties();
        if (config != null) {
            try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            log.info("Read configuration from {}", config);
        }
        override(properties, ServerConfig.DATA, data);
        override(properties, ServerConfig.BIND, bind);
        override(properties, ServerConfig.TCD_PORT, tcdPort);
        override(properties, ServerConfig.LINE_PORT, linePort);
        override(properties, ServerConfig.ACCOUNT_PORT, accountPort);
        override(properties, ServerConfig.DIRECTORY_PORT, directoryPort);
        if (allowKill) {
            properties.setProperty(ServerConfig.ALLOW_KILL, "true");
        }
        return properties;
    }

    private static void override(Properties properties, String key, String flag) {
        if (flag != null) {
            properties.setProperty(key, flag);
        }
    }
}
