package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parley.core.account.Presence;
import io.parley.core.account.Recipient;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import io.parley.protocol.account.AccountModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server builds one {@link Presence} and every protocol gets it from its context: an account
 * user who logs in is online for another module too, not only in a registry of the account
 * protocol's own.
 */
class SharedPresenceTest {

    @TempDir
    Path data;

    /** Serves nothing; keeps the presence its context gave it. */
    private static final class WatcherModule implements ProtocolModule<Void> {
        final AtomicReference<Presence> presence = new AtomicReference<>();

        @Override
        public String name() {
            return "watch";
        }

        @Override
        public int defaultPort() {
            return 7798;
        }

        @Override
        public String title() {
            return "Watch protocol";
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of();
        }

        @Override
        public Void settings(ConfigSection config) {
            return null;
        }

        @Override
        public ConnectionErrors connectionErrors() {
            return new ConnectionErrors("busy\n", "late\n", "bye\n");
        }

        @Override
        public ChannelHandler handler(Void settings, String qualifier, ModuleContext context) {
            presence.set(context.presence());
            return new ChannelInboundHandlerAdapter() {
                @Override
                public boolean isSharable() {
                    return true;
                }
            };
        }
    }

    @Test
    void anAccountLoginIsOnlineInThePresenceAnotherModuleIsGiven() throws Exception {
        WatcherModule watcher = new WatcherModule();
        Properties properties = new Properties();
        properties.setProperty(ServerConfig.DATA, data.toString());
        properties.setProperty(ServerConfig.BIND, "127.0.0.1");
        properties.setProperty(ServerConfig.ADMIN_PORT, "off");
        properties.setProperty("account.port", "0");
        properties.setProperty(AccountModule.ARGON2_MEMORY_KIB, "1024");
        properties.setProperty(AccountModule.ARGON2_ITERATIONS, "1");
        properties.setProperty("watch.port", "0");
        ServerConfig config = ServerConfig.from(properties, List.of(new AccountModule(), watcher));
        ParleyServer server = ParleyServer.start(config,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (AccountWire alice = AccountWire.login(server.port("account"), "alice", "correct horse")) {
            Presence shared = watcher.presence.get();

            assertThat(shared.find("alice")).map(Recipient::name).contains("alice");
            assertThat(shared.namesExcept("nobody").toCompletableFuture().join()).containsExactly("alice");
        } finally {
            server.stop();
        }
    }
}
