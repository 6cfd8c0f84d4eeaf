package io.parley.protocol.directory;

import io.netty.channel.ChannelHandler;
import io.parley.core.directory.RoomDirectory;
import io.parley.protocol.BoundListener;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import java.util.Map;

/** The chat room directory as a server module; the one protocol with an idle timeout. Stateless. */
public final class DirectoryModule implements ProtocolModule<DirectoryModule.Config> {

    public static final String IDLE_TIMEOUT_SECONDS = "directory.idle-timeout-seconds";
    public static final String MAX_ROOMS_PER_ADDRESS = "directory.max-rooms-per-address";

    /**
     * @param idleTimeoutSeconds how long a connection may send nothing before it is closed (0: never)
     * @param maxRoomsPerAddress directory rooms one client address may hold at once (0: no limit)
     */
    public record Config(int idleTimeoutSeconds, int maxRoomsPerAddress) {}

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public int defaultPort() {
        return 7712;
    }

    @Override
    public String title() {
        return "Chat room directory";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of(IDLE_TIMEOUT_SECONDS, "600", MAX_ROOMS_PER_ADDRESS, "50");
    }

    @Override
    public Config settings(ConfigSection config) {
        return new Config(config.atLeastZero(IDLE_TIMEOUT_SECONDS), config.atLeastZero(MAX_ROOMS_PER_ADDRESS));
    }

    @Override
    public ConnectionErrors connectionErrors() {
        return DirectorySettings.CONNECTION_ERRORS;
    }

    /** Its clients register on connecting, so the "no command in time" error is free for this. */
    @Override
    public int idleTimeoutSeconds(Config settings) {
        return settings.idleTimeoutSeconds();
    }

    @Override
    public ChannelHandler handler(Config settings, String qualifier, ModuleContext context) {
        RoomDirectory directory = new RoomDirectory(context.chat(), context.store().directory(),
                settings.maxRoomsPerAddress());
        return new DirectoryInitializer(directory, new DirectorySettings(context.console()));
    }

    /** The handout's wording, which its demonstration looks for. */
    @Override
    public String statusLine(BoundListener listener) {
        return "Chat Room Directory Server" + listener.over() + " listening on port " + listener.port() + " ...";
    }
}
