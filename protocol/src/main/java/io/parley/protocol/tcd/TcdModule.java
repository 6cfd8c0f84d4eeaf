package io.parley.protocol.tcd;

import io.netty.channel.ChannelHandler;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ModuleSwitch;
import io.parley.protocol.ProtocolModule;
import java.util.List;
import java.util.Map;

/** The TCD protocol as a server module: {@code tcd.*} settings and {@code --allow-kill}. Stateless. */
public final class TcdModule implements ProtocolModule<TcdModule.Config> {

    public static final String STUDENT_ID = "tcd.student-id";
    public static final String MAX_REQUEST_BYTES = "tcd.max-request-bytes";
    public static final String MAX_MESSAGE_LINES = "tcd.max-message-lines";
    /** Unprefixed, as it always was: the operator's switch more than a protocol setting. */
    public static final String ALLOW_KILL = "allow-kill";

    /** TCD's settings but the server's stop hook, which {@link #handler} adds. */
    public record Config(String studentId, int maxRequestBytes, int maxMessageLines, boolean allowKill) {}

    @Override
    public String name() {
        return "tcd";
    }

    @Override
    public int defaultPort() {
        return 7710;
    }

    @Override
    public String title() {
        return "TCD protocol";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of(
                STUDENT_ID, TcdSettings.DEFAULT_STUDENT_ID,
                MAX_REQUEST_BYTES, Integer.toString(TcdSettings.DEFAULT_MAX_REQUEST_BYTES),
                MAX_MESSAGE_LINES, Integer.toString(TcdSettings.DEFAULT_MAX_MESSAGE_LINES),
                ALLOW_KILL, "false");
    }

    @Override
    public List<ModuleSwitch> switches() {
        return List.of(new ModuleSwitch("--allow-kill", ALLOW_KILL, "Let a TCD client's KILL_SERVICE stop the server."));
    }

    @Override
    public Config settings(ConfigSection config) {
        return new Config(config.text(STUDENT_ID), config.positive(MAX_REQUEST_BYTES),
                config.positive(MAX_MESSAGE_LINES), config.bool(ALLOW_KILL));
    }

    @Override
    public ConnectionErrors connectionErrors() {
        return TcdSettings.CONNECTION_ERRORS;
    }

    @Override
    public ChannelHandler handler(Config settings, String qualifier, ModuleContext context) {
        return new TcdInitializer(context.chat(), context.names(), new TcdSettings(settings.studentId(),
                settings.maxRequestBytes(), settings.maxMessageLines(), settings.allowKill(), context::stopServer));
    }
}
