package io.parley.protocol.line;

import io.netty.channel.ChannelHandler;
import io.parley.protocol.BoundListener;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ExtraListener;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import io.parley.protocol.SettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The line protocol as a server module. Each line listener serves one room: {@code line.port}
 * and {@code line.tls-port} serve {@code line.room}, each of {@code line.extra-listeners} its
 * own. Stateless.
 */
public final class LineModule implements ProtocolModule<LineModule.Config> {

    public static final String ROOM = "line.room";
    public static final String EXTRA_LISTENERS = "line.extra-listeners";
    public static final String MAX_LINE_BYTES = "line.max-line-bytes";

    /** The main room, the extra listeners (port and room) and the longest line. */
    public record Config(String room, List<ExtraListener> extraListeners, int maxLineBytes) {}

    @Override
    public String name() {
        return "line";
    }

    @Override
    public int defaultPort() {
        return 7711;
    }

    @Override
    public String title() {
        return "Line protocol";
    }

    @Override
    public String tlsPortDescription() {
        return "Line protocol over TLS (line.room): port, 0 for a free one, or off (default: off).";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of(
                ROOM, LineSettings.DEFAULT_ROOM,
                EXTRA_LISTENERS, "",
                MAX_LINE_BYTES, Integer.toString(LineSettings.DEFAULT_MAX_LINE_BYTES));
    }

    @Override
    public Config settings(ConfigSection config) {
        String room = config.text(ROOM);
        List<ExtraListener> extra = extraListeners(config.text(EXTRA_LISTENERS));
        return new Config(room, extra, config.positive(MAX_LINE_BYTES));
    }

    /** {@code 7720=games, 7721=music}: port=room pairs. */
    private static List<ExtraListener> extraListeners(String value) {
        List<ExtraListener> listeners = new ArrayList<>();
        for (String entry : value.isEmpty() ? new String[0] : value.split("\\s*,\\s*")) {
            String[] portAndRoom = entry.split("=", 2);
            if (portAndRoom.length != 2 || portAndRoom[1].isBlank()) {
                throw new SettingException(EXTRA_LISTENERS, "takes port=room pairs (e.g. 7720=games), not " + entry);
            }
            int port = ConfigSection.integer(EXTRA_LISTENERS, portAndRoom[0].strip());
            if (port < 0 || port > 65535) {
                throw new SettingException(EXTRA_LISTENERS, "takes ports 0-65535, not " + entry);
            }
            String room = portAndRoom[1].strip();
            listeners.add(new ExtraListener(port, room, "room " + room, EXTRA_LISTENERS));
        }
        return List.copyOf(listeners);
    }

    @Override
    public ConnectionErrors connectionErrors() {
        return LineSettings.CONNECTION_ERRORS;
    }

    @Override
    public String qualifier(Config settings) {
        return settings.room();
    }

    @Override
    public List<ExtraListener> extraListeners(Config settings) {
        return settings.extraListeners();
    }

    /** One per room: {@code qualifier} is the room its listeners serve. */
    @Override
    public ChannelHandler handler(Config settings, String qualifier, ModuleContext context) {
        return new LineInitializer(context.chat(), context.names(), new LineSettings(qualifier, settings.maxLineBytes()));
    }

    @Override
    public String statusLine(BoundListener listener) {
        return ProtocolModule.super.statusLine(listener) + ", room " + listener.qualifier();
    }
}
