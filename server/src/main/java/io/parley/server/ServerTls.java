package io.parley.server;

import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutorGroup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate and key every TLS listener presents, which can change while the server runs:
 * each new connection's handshake uses the {@link #context} of the moment, so a
 * {@linkplain #reload reload} (SIGHUP, {@code POST /reload}) gives new connections the new
 * certificate while open ones keep the session they have. A reload that cannot read or use the
 * new files keeps the last good certificate and says why in one log line. A certificate near its
 * expiry is warned about at start-up, on a reload and once a day ({@link #checkExpiryDaily}).
 *
 * <p>Thread-safe: the context is one atomic reference, read by event loops as connections open;
 * reloads run one at a time, off the event loops.
 */
final class ServerTls {

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);
    static final Duration EXPIRY_CHECK_PERIOD = Duration.ofDays(1);

    /** The files it reads; a reload of parley.conf may name others ({@link #rereadNow(Path, Path)}). Reload thread only after the start. */
    private volatile Path certificateFile;
    private volatile Path keyFile;
    private final Clock clock;
    /** Where warnings go: the log, or a test's list. */
    private final Consumer<String> warnings;
    private final AtomicReference<TlsContext.Identity> current;
    /** Runs reloads, which read files, off the event loops; its one thread ends when idle. */
    private final ThreadPoolExecutor reloads = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "parley-tls-reload");
                thread.setDaemon(true);
                return thread;
            });

    ServerTls(Path certificateFile, Path keyFile, Clock clock, Consumer<String> warnings) throws StartupException {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.clock = clock;
        this.warnings = warnings;
        this.current = new AtomicReference<>(TlsContext.read(certificateFile, keyFile));
        warnIfExpiring();
    }

    /**
     * The TLS of the listeners among {@code listeners}, or null when none speaks TLS; fails in one
     * line when one is asked for without a certificate and key, or when either file cannot be
     * read or they do not belong together.
     */
    static ServerTls forListeners(ServerConfig.TlsSettings settings, List<Listener> listeners)
            throws StartupException {
        Listener first = listeners.stream().filter(Listener::tls).findFirst().orElse(null);
        if (first == null) {
            return null;
        }
        if (settings.certificate() == null || settings.key() == null) {
            throw new StartupException(first.setting() + " needs a certificate and its key: give --tls-cert FILE and"
                    + " --tls-key FILE (tls.certificate and tls.key), or turn it off with " + first.setting() + " off");
        }
        return new ServerTls(settings.certificate(), settings.key(), Clock.systemUTC(), log::warn);
    }

    /** The context a connection opening now does its handshake with. Any thread. */
    SslContext context() {
        return current.get().context();
    }

    /** The certificate new connections are shown now. */
    TlsContext.Identity identity() {
        return current.get();
    }

    /**
     * Rereads the certificate and key, on a thread of its own: new connections then get the new
     * certificate. Completes with one line saying what is presented now, or fails with a
     * {@link StartupException} saying why the files were refused, in which case the last good
     * certificate stays. Either way the outcome is logged, in one line.
     */
    CompletableFuture<String> reload() {
        return CompletableFuture.supplyAsync(this::reloadNow, reloads);
    }

    private synchronized String reloadNow() {
        try {
            String line = rereadNow(null, null);
            log.info(line);
            warnIfExpiring();
            return line;
        } catch (StartupException refused) {
            warnings.accept(refused.getMessage());
            throw new CompletionException(refused);
        }
    }

    /**
     * Rereads the certificate and key now, from {@code certificate} and {@code key} when given
     * (a reload of parley.conf that names other files) or the same files, and returns the line
     * saying what is presented now, without logging it: the caller puts it in its own line. Fails
     * with that line when the files cannot be used; the last good certificate and its files stay.
     */
    synchronized String rereadNow(Path certificate, Path key) throws StartupException {
        Path certificateFile = certificate != null ? certificate : this.certificateFile;
        Path keyFile = key != null ? key : this.keyFile;
        TlsContext.Identity before = current.get();
        TlsContext.Identity after;
        try {
            after = TlsContext.read(certificateFile, keyFile);
        } catch (StartupException refused) {
            throw new StartupException("TLS reload failed, still presenting " + describe(this.certificateFile, before)
                    + ": " + refused.getMessage());
        }
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        current.set(after);
        return (after.fingerprint().equals(before.fingerprint()) ? "TLS reloaded, the same certificate: "
                : "TLS reloaded, new connections get ") + describe(certificateFile, after);
    }

    private static String describe(Path certificateFile, TlsContext.Identity identity) {
        return certificateFile + " (SHA-256 " + identity.fingerprint() + ", valid until "
                + identity.certificate().getNotAfter().toInstant() + ")";
    }

    /** What to warn about the current certificate's dates now, if anything. */
    Optional<String> expiryWarning() {
        return TlsContext.expiryWarning(current.get().certificate(), certificateFile, clock.instant());
    }

    /** Warns, once, if the current certificate has expired, is not valid yet, or expires soon. */
    void warnIfExpiring() {
        expiryWarning().ifPresent(warnings);
    }

    /**
     * Checks the certificate's dates every {@code period} (a day, for the server) on
     * {@code executor}, so an operator who never restarts still hears of an expiry in time.
     */
    void checkExpiryDaily(EventExecutorGroup executor, Duration period) {
        long nanos = period.toNanos();
        executor.scheduleAtFixedRate(this::warnIfExpiring, nanos, nanos, TimeUnit.NANOSECONDS);
    }
}
