package io.parley.protocol;

import io.netty.channel.ChannelHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One chat protocol as the server sees it: its name, its settings, how its connections are
 * built and how it words the server's notices. The server holds one list of these and does the
 * rest for each (binding, TLS, flags, status lines, port names, metrics, readiness), so a new
 * protocol is a package with one of these and a line in that list.
 *
 * <p>From its {@link #name} the server derives the settings every protocol has:
 * {@code <name>.port} (default {@link #defaultPort}, {@code off}, or 0 for a free port) and
 * {@code <name>.tls-port} (default {@code off}), and the flags {@code --<name>} and
 * {@code --<name>-tls} that override them.
 *
 * <p>Implementations are stateless and thread-safe; their state lives in the handlers they build.
 *
 * @param <S> the protocol's own settings, parsed from its section of the configuration
 */
public interface ProtocolModule<S> {

    /** Lower-case and short: {@code tcd}. Its keys' prefix, flag, port name and metrics label. */
    String name();

    /** The plaintext port when nothing sets {@code <name>.port}. */
    int defaultPort();

    /** What {@code --help} and the status line call it: {@code TCD protocol}. */
    String title();

    /** The help of {@code --<name>}. */
    default String portDescription() {
        return title() + " port, 0 for a free one, or off (default: " + defaultPort() + ").";
    }

    /** The help of {@code --<name>-tls}. */
    default String tlsPortDescription() {
        return title() + " over TLS: port, 0 for a free one, or off (default: off).";
    }

    /**
     * The protocol's own keys (not {@code <name>.port} or {@code <name>.tls-port}) with their
     * defaults; {@code parley.conf} documents each one. A key no protocol and not the server
     * knows is an error.
     */
    Map<String, String> defaults();

    /** Switches it adds to {@code parley serve}, beyond {@code --<name>} and {@code --<name>-tls}. */
    default List<ModuleSwitch> switches() {
        return List.of();
    }

    /**
     * Its settings, read and checked with {@code config}; a bad value is a {@link SettingException}
     * naming the key, in one line.
     */
    S settings(ConfigSection config);

    /** What the server tells its clients when it refuses, times out or stops a connection. */
    ConnectionErrors connectionErrors();

    /**
     * The server-wide account settings ({@link SharedAccounts.Settings}) if this module's keys hold
     * them (the account module's {@code account.*}); the server builds its one
     * {@link SharedAccounts} from the first module that gives them, else from the defaults.
     */
    default java.util.Optional<SharedAccounts.Settings> accountSettings(S settings) {
        return java.util.Optional.empty();
    }

    /**
     * Seconds a connection may send nothing before it is closed with
     * {@link ConnectionErrors#registrationTimeout}, or 0 for never. A chat member who only reads is
     * not idle, so only request/response protocols set one.
     */
    default int idleTimeoutSeconds(S settings) {
        return 0;
    }

    /**
     * What its {@code <name>.port} and {@code <name>.tls-port} listeners serve (the line
     * protocol's room; see {@link ExtraListener#qualifier}), or null for the protocol as a whole.
     */
    default String qualifier(S settings) {
        return null;
    }

    /** Plaintext listeners beyond {@code <name>.port}. */
    default List<ExtraListener> extraListeners(S settings) {
        return List.of();
    }

    /**
     * The handler the server adds last to each connection of the listeners serving
     * {@code qualifier}: typically a {@link io.netty.channel.ChannelInitializer} that adds the
     * protocol's decoder, encoders and handler, so it must be {@code @Sharable}. Called once per
     * qualifier, before any listener accepts; a protocol's plaintext and TLS listeners share the
     * result. Fails in one line when the operator must fix something first.
     */
    ChannelHandler handler(S settings, String qualifier, ModuleContext context) throws ProtocolStartException;

    /**
     * The keys of its own whose new values {@link #reload} applies while the server runs (a
     * SIGHUP or {@code POST /reload} rereads {@code parley.conf}); a change to any other key of
     * the protocol is reported as needing a restart. None by default.
     */
    default Set<String> liveKeys() {
        return Set.of();
    }

    /**
     * Applies the {@link #liveKeys} of {@code settings}, already checked, to {@code handler} (one
     * this module's {@link #handler} built), from the next use on, and says what changed, one
     * item per key ({@code irc.ping-seconds 120 -> 60}, {@code irc.motd changed}); empty when
     * nothing did. Called off the event loops, one reload at a time; the handler reads the new
     * values through a volatile field, so the connections' hot path pays no lock.
     */
    default List<String> reload(ChannelHandler handler, S settings) {
        return List.of();
    }

    /** The line printed once a listener accepts; scripts and tests read these. */
    default String statusLine(BoundListener listener) {
        return title() + listener.over() + " listening on " + listener.where();
    }
}
