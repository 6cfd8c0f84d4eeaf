package io.parley.protocol.irc;

import io.netty.channel.ChannelHandler;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import io.parley.protocol.ProtocolStartException;
import io.parley.protocol.SettingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IRC (docs/irc.md) as a server module: {@code irc.port} (default 6667) and {@code irc.tls-port}.
 * Stateless; the state IRC connections share lives in the {@link IrcServer} each
 * {@link #handler} call makes.
 */
public final class IrcModule implements ProtocolModule<IrcSettings> {

    public static final String SERVER_NAME = "irc.server-name";
    public static final String NETWORK = "irc.network";
    public static final String PASSWORD = "irc.password";
    public static final String MOTD = "irc.motd";
    public static final String PING_SECONDS = "irc.ping-seconds";
    public static final String DESCRIPTION = "irc.description";
    public static final String OPER_NAME = "irc.oper-name";
    public static final String OPER_PASSWORD = "irc.oper-password";

    /** A host name: what clients tell a server source from a nick by (it has a dot). */
    private static final Pattern SERVER_NAME_FORM = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    @Override
    public String name() {
        return "irc";
    }

    @Override
    public int defaultPort() {
        return 6667;
    }

    @Override
    public String title() {
        return "IRC";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of(
                SERVER_NAME, IrcSettings.DEFAULT_SERVER_NAME,
                NETWORK, IrcSettings.DEFAULT_NETWORK,
                PASSWORD, "",
                MOTD, "",
                PING_SECONDS, Integer.toString(IrcSettings.DEFAULT_PING_SECONDS),
                DESCRIPTION, IrcSettings.DEFAULT_DESCRIPTION,
                OPER_NAME, "",
                OPER_PASSWORD, "");
    }

    @Override
    public IrcSettings settings(ConfigSection config) {
        String serverName = config.text(SERVER_NAME);
        if (!SERVER_NAME_FORM.matcher(serverName).matches()) {
            throw new SettingException(SERVER_NAME, "must be a host name with a dot (e.g. irc.example.org)");
        }
        String network = config.text(NETWORK);
        if (network.isEmpty() || network.chars().anyMatch(c -> c <= ' ')) {
            throw new SettingException(NETWORK, "must be one word");
        }
        String operName = config.text(OPER_NAME);
        String operPassword = config.text(OPER_PASSWORD);
        if (operName.isEmpty() != operPassword.isEmpty()) {
            throw new SettingException(operName.isEmpty() ? OPER_NAME : OPER_PASSWORD,
                    "must be set together with " + (operName.isEmpty() ? OPER_PASSWORD : OPER_NAME));
        }
        String description = io.parley.core.text.Text.clean(config.text(DESCRIPTION), false);
        return new IrcSettings(serverName, network, description.isEmpty() ? IrcSettings.DEFAULT_DESCRIPTION : description,
                config.text(PASSWORD), motd(config.path(MOTD)), config.positive(PING_SECONDS), operName, operPassword);
    }

    private static List<String> motd(Path file) {
        if (file == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(line -> io.parley.core.text.Text.clean(line, false)).toList();
        } catch (IOException e) {
            throw new SettingException(MOTD, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * What a reload changes while the server runs: the MOTD (its file is read again), the ping
     * interval (for connections opened from then on) and the description. The server's name,
     * the network, the passwords and the operator need a restart: open sessions were told them.
     */
    @Override
    public Set<String> liveKeys() {
        return Set.of(MOTD, PING_SECONDS, DESCRIPTION);
    }

    @Override
    public List<String> reload(ChannelHandler handler, IrcSettings next) {
        IrcServer server = ((IrcInitializer) handler).server();
        IrcSettings now = server.settings;
        List<String> changed = new ArrayList<>();
        if (!now.motd().equals(next.motd())) {
            changed.add(MOTD + " changed");
        }
        if (now.pingSeconds() != next.pingSeconds()) {
            changed.add(PING_SECONDS + " " + now.pingSeconds() + " -> " + next.pingSeconds());
        }
        if (!now.description().equals(next.description())) {
            changed.add(DESCRIPTION + " changed");
        }
        if (!changed.isEmpty()) {
            server.settings = new IrcSettings(now.serverName(), now.network(), next.description(), now.password(),
                    next.motd(), next.pingSeconds(), now.operName(), now.operPassword());
        }
        return changed;
    }

    @Override
    public ConnectionErrors connectionErrors() {
        return IrcSettings.CONNECTION_ERRORS;
    }

    @Override
    public ChannelHandler handler(IrcSettings settings, String qualifier, ModuleContext context)
            throws ProtocolStartException {
        IrcServer server = new IrcServer(settings, context.chat(), context.names(), context.store().rooms(),
                context.roomModes(), context.presence(), context.accounts());
        server.history(context.store(), context.presence());
        return new IrcInitializer(server);
    }
}
