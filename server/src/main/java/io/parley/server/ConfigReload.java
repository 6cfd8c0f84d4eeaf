package io.parley.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reload of {@code parley.conf} (SIGHUP, {@code POST /reload}): reads the config file again
 * with the same flags over it ({@link ServeSettings}), checks all of it as a start-up would, applies
 * what can change while the server runs, rereads the TLS certificate and key, and says in one log
 * line what changed and what needs a restart:
 *
 * <pre>reloaded parley.conf: connection.max-per-address 256 -> 64, irc.motd changed; needs a restart: irc.port 6667 -> 6668; TLS reloaded, ...</pre>
 *
 * <p>Live: the connection limits ({@code connection.*}, through {@link LiveLimits} and
 * {@link AddressLimits}, for connections opened from then on), the log's format and levels, the
 * TLS files, and each protocol's {@link io.parley.protocol.ProtocolModule#liveKeys}. A file with a
 * mistake changes nothing (the TLS files are still reread) and the line names the mistake. A
 * flag's key is the flag's value whatever the file says, before and after.
 *
 * <p>Thread-safe: reloads run one at a time on a thread of their own ({@code parley-reload},
 * which ends when idle), never on an event loop, since they read files.
 */
final class ConfigReload {

    private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

    /** The server's own keys a reload applies; every protocol adds its own ({@code liveKeys}). */
    static final Set<String> LIVE_KEYS = Set.of(
            ServerConfig.MAX_PENDING_OUTPUT_BYTES,
            ServerConfig.MAX_PER_ADDRESS,
            ServerConfig.MAX_NEW_PER_ADDRESS,
            ServerConfig.NEW_WINDOW_SECONDS,
            ServerConfig.REGISTRATION_TIMEOUT_SECONDS,
            ServerConfig.UNWRITABLE_TIMEOUT_SECONDS,
            ServerConfig.MAX_REQUESTS_PER_SECOND,
            ServerConfig.REQUEST_BURST,
            ServerConfig.MAX_WAITING_REQUESTS,
            ServerConfig.KEEPALIVE_IDLE_SECONDS,
            LogSettings.FORMAT_KEY,
            LogSettings.LEVEL_KEY);

    /** Keys whose values a log line never shows: only that they changed. */
    private static final Set<String> SECRET_KEYS = Set.of("irc.password", "irc.oper-password", ServerConfig.STORE_URL);

    private final ServeSettings source;
    private final LiveLimits limits;
    private final AddressLimits addressLimits;
    private final SharedHandlers handlers;
    /** The TLS listeners' certificate, or null when none listens with TLS. */
    private final ServerTls tls;
    /** Whether to set logback's format and levels (only {@code parley serve} owns the process's log). */
    private final boolean appliesLogs;
    private final ThreadPoolExecutor reloads = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "parley-reload");
                thread.setDaemon(true);
                return thread;
            });
    /** What the running settings were read from, and what they are; written by the reload thread only. */
    private Properties current;
    private ServerConfig running;

    ConfigReload(ServeSettings source, Properties current, ServerConfig running, LiveLimits limits,
            AddressLimits addressLimits, SharedHandlers handlers, ServerTls tls, boolean appliesLogs) {
        this.source = source;
        this.current = current;
        this.running = running;
        this.limits = limits;
        this.addressLimits = addressLimits;
        this.handlers = handlers;
        this.tls = tls;
        this.appliesLogs = appliesLogs;
    }

    /**
     * Reloads, off the caller's thread. Completes with the line that was logged, or fails with a
     * {@link StartupException} holding it when the file or the TLS files could not be used (then
     * logged as a warning): what could not be used keeps its running value.
     */
    CompletableFuture<String> reload() {
        return CompletableFuture.supplyAsync(this::reloadNow, reloads);
    }

    private String reloadNow() {
        Path certificate = null;
        Path key = null;
        StringBuilder line = new StringBuilder();
        boolean failed = false;
        Properties next = null;
        ServerConfig config = null;
        try {
            next = source.read();
            config = source.parse(next);
        } catch (StartupException mistake) {
            failed = true;
            line.append("not reloaded, keeping the running settings: ").append(mistake.getMessage());
        }
        if (config != null) {
            line.append(apply(next, config));
            certificate = config.tls().certificate();
            key = config.tls().key();
        }
        if (tls != null) {
            line.append("; ");
            try {
                line.append(tls.rereadNow(certificate, key));
                tls.warnIfExpiring();
            } catch (StartupException refused) {
                failed = true;
                line.append(refused.getMessage());
            }
        }
        String said = line.toString();
        if (failed) {
            log.warn(said);
            throw new CompletionException(new StartupException(said));
        }
        log.info(said);
        return said;
    }

    /** Applies what can change live from {@code config}; returns the line's first part. */
    private String apply(Properties next, ServerConfig config) {
        List<String> changed = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        Set<String> protocolLive = new LinkedHashSet<>();
        config.protocols().values().forEach(section -> protocolLive.addAll(section.module().liveKeys()));
        for (Map.Entry<String, String> key : ServerConfig.DEFAULTS.entrySet()) {
            String before = current.getProperty(key.getKey(), key.getValue()).strip();
            String after = next.getProperty(key.getKey(), key.getValue()).strip();
            if (protocolLive.contains(key.getKey()) || before.equals(after)) {
                continue; // a protocol's live keys: its module says what changed
            }
            boolean live = LIVE_KEYS.contains(key.getKey())
                    || (tls != null && (key.getKey().equals(ServerConfig.TLS_CERTIFICATE)
                            || key.getKey().equals(ServerConfig.TLS_KEY)));
            (live ? changed : restart).add(change(key.getKey(), before, after));
        }
        limits.set(LiveLimits.Limits.of(config));
        ConnectionPolicy policy = config.connections();
        addressLimits.update(policy.maxPerAddress(), policy.maxNewPerAddress(),
                TimeUnit.SECONDS.toNanos(policy.newWindowSeconds()));
        if (appliesLogs) {
            LogSettings.from(next).apply();
        }
        Set<String> fromProtocols = new LinkedHashSet<>();
        running.protocols().forEach((name, section) -> {
            for (var handler : handlers.builtFor(name)) {
                fromProtocols.addAll(section.reload(handler, config.protocol(name)));
            }
        });
        changed.addAll(fromProtocols);
        current = next;
        running = config;
        StringBuilder line = new StringBuilder("reloaded ").append(source.name()).append(": ");
        line.append(changed.isEmpty() ? (restart.isEmpty() ? "nothing changed" : "nothing changed live")
                : String.join(", ", changed));
        if (!restart.isEmpty()) {
            line.append("; needs a restart: ").append(String.join(", ", restart));
        }
        return line.toString();
    }

    private static String change(String key, String before, String after) {
        if (SECRET_KEYS.contains(key)) {
            return key + " changed";
        }
        return key + " " + shown(before) + " -> " + shown(after);
    }

    /** A value as the line shows it: "" for empty, control characters as '?', so no value ends the line. */
    private static String shown(String value) {
        if (value.isEmpty()) {
            return "\"\"";
        }
        StringBuilder shown = new StringBuilder(value.length());
        value.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c)
                || c == 0x2028 || c == 0x2029 ? '?' : c));
        return shown.toString();
    }
}
