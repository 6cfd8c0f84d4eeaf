package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelHandler;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ExtraListener;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import io.parley.protocol.line.LineModule;
import io.parley.protocol.tcd.TcdModule;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the server's settings: defaults, overrides, and errors that name the bad key. */
class ServerConfigTest {

    private static ServerConfig config(String... settings) {
        Properties properties = new Properties();
        for (int i = 0; i < settings.length; i += 2) {
            properties.setProperty(settings[i], settings[i + 1]);
        }
        return ServerConfig.from(properties);
    }

    private static TcdModule.Config tcd(ServerConfig config) {
        return config.settings("tcd", TcdModule.Config.class);
    }

    @Test
    void defaults() {
        ServerConfig config = config();

        assertThat(config.bind()).as("every interface").isNull();
        assertThat(config.dataDirectory()).isEqualTo(Path.of("data"));
        assertThat(config.protocol("tcd").port()).hasValue(7710);
        assertThat(tcd(config).studentId()).isEqualTo("parley");
        assertThat(tcd(config).maxRequestBytes()).isEqualTo(64 * 1024);
        assertThat(tcd(config).allowKill()).isFalse();
        assertThat(config.maxPendingOutputBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void everySettingCanBeSetAndValuesAreTrimmed() {
        ServerConfig config = config(ServerConfig.BIND, " 127.0.0.1 ", ServerConfig.DATA, "/var/lib/parley",
                ServerConfig.TCD_PORT, " 0", ServerConfig.TCD_STUDENT_ID, "12345678",
                ServerConfig.TCD_MAX_REQUEST_BYTES, "512", ServerConfig.ALLOW_KILL, "TRUE",
                ServerConfig.MAX_PENDING_OUTPUT_BYTES, "4096");

        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/parley"));
        assertThat(config.protocol("tcd").port()).isEqualTo(OptionalInt.of(0));
        assertThat(tcd(config).studentId()).isEqualTo("12345678");
        assertThat(tcd(config).maxRequestBytes()).isEqualTo(512);
        assertThat(tcd(config).allowKill()).isTrue();
        assertThat(config.maxPendingOutputBytes()).isEqualTo(4096);
    }

    @Test
    void lineListenersAreTheMainOneAndTheExtraOnes() {
        ServerConfig config = config(ServerConfig.LINE_PORT, "7711", ServerConfig.LINE_ROOM, "hall",
                ServerConfig.LINE_EXTRA_LISTENERS, "7720=games, 7721 = music");

        LineModule.Config line = config.settings("line", LineModule.Config.class);
        assertThat(config.protocol("line").port()).hasValue(7711);
        assertThat(line.room()).isEqualTo("hall");
        assertThat(line.extraListeners()).containsExactly(
                new ExtraListener(7720, "games", "room games", ServerConfig.LINE_EXTRA_LISTENERS),
                new ExtraListener(7721, "music", "room music", ServerConfig.LINE_EXTRA_LISTENERS));
        assertThatThrownBy(() -> config(ServerConfig.LINE_EXTRA_LISTENERS, "7720"))
                .hasMessageStartingWith(ServerConfig.LINE_EXTRA_LISTENERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", " Off "})
    void tcdPortOffTurnsTheListenerOff(String off) {
        assertThat(config(ServerConfig.TCD_PORT, off).protocol("tcd").port()).isEmpty();
    }

    @Test
    void anUnknownKeyIsRejectedByName() {
        assertThatThrownBy(() -> config(ServerConfig.TCD_PORT, "7710", "tcd.prot", "7711", "alow-kill", "true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcd.prot")
                .hasMessageContaining("alow-kill");
    }

    @ParameterizedTest
    @CsvSource({
        "tcd.port, 65536",
        "tcd.port, -1",
        "tcd.port, seven",
        "tcd.port, ''",
        "tcd.max-request-bytes, 0",
        "tcd.max-request-bytes, 64k",
        "allow-kill, yes",
        "connection.max-pending-output-bytes, -5",
        "connection.max-per-address, -1",
        "connection.max-requests-per-second, 0",
        "account.port, 70000",
        "line.extra-listeners, 99999=games",
        "transport, epol",
    })
    void aBadValueIsRejectedWithItsKeyNamed(String key, String value) {
        assertThatThrownBy(() -> config(key, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(key)
                .hasMessageContaining(value);
    }

    @Test
    void withoutClusterKeysTheServerIsOneNodeOnSqlite() {
        ServerConfig.ClusterSettings cluster = config().cluster();
        assertThat(cluster.storeUrl()).isNull();
        assertThat(cluster.busUrl()).isNull();
        assertThat(cluster.clustered()).isFalse();
        assertThat(cluster.node()).isEqualTo(io.parley.core.room.Member.LOCAL_NODE);
    }

    @Test
    void aClusterNodeNamesItsStoreItsBusAndItself() {
        ServerConfig.ClusterSettings cluster = config(ServerConfig.STORE_URL, "postgresql://db:5432/parley?user=parley",
                ServerConfig.BUS_URL, "nats://10.0.0.5:4222", ServerConfig.NODE_NAME, "node-a").cluster();
        assertThat(cluster.storeUrl()).isEqualTo("postgresql://db:5432/parley?user=parley");
        assertThat(cluster.busUrl()).isEqualTo("nats://10.0.0.5:4222");
        assertThat(cluster.node()).isEqualTo("node-a");
        assertThat(cluster.clustered()).isTrue();
    }

    @Test
    void aBusNeedsASharedStoreAndANodeName() {
        assertThatThrownBy(() -> config(ServerConfig.BUS_URL, "nats://127.0.0.1:4222", ServerConfig.NODE_NAME, "a"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bus.url needs a shared store of record");
        assertThatThrownBy(() -> config(ServerConfig.BUS_URL, "nats://127.0.0.1:4222",
                ServerConfig.STORE_URL, "postgresql://127.0.0.1:5432/parley"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("node.name must name this node");
    }

    @ParameterizedTest
    @CsvSource({
        "store.url, sqlite:parley.db",
        "bus.url, http://127.0.0.1:4222",
        "bus.url, nats://127.0.0.1",
        "node.name, a b",
    })
    void aBadClusterValueIsRejectedWithItsKeyNamed(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(ServerConfig.STORE_URL, "postgresql://127.0.0.1:5432/parley");
        properties.setProperty(ServerConfig.NODE_NAME, "a");
        properties.setProperty(key, value);
        assertThatThrownBy(() -> ServerConfig.from(properties))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + " must be");
    }

    @Test
    void parleyConfDocumentsEveryKeyAtItsDefault() throws Exception {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("..", "parley.conf"), StandardCharsets.UTF_8)) {
            file.load(reader);
        }
        Map<String, String> documented = new TreeMap<>();
        file.stringPropertyNames().forEach(key -> documented.put(key, file.getProperty(key).strip()));

        assertThat(documented).isEqualTo(new TreeMap<>(ServerConfig.DEFAULTS));
    }

    @Test
    void anEmptyBindAddressIsRejectedRatherThanReadAsLoopback() {
        assertThatThrownBy(() -> config(ServerConfig.BIND, " "))
                .isInstanceOf(ConfigException.class)
                .hasMessage("bind must be an address of this machine, or * for every interface, not empty");
    }

    @Test
    void theDirectoryPortIsAPortOrOff() {
        assertThat(config("directory.port", "7712").protocol("directory").port()).hasValue(7712);
        assertThat(config("directory.port", "0").protocol("directory").port()).hasValue(0);
        assertThat(config("directory.port", "off").protocol("directory").port()).isEqualTo(OptionalInt.empty());
        assertThatThrownBy(() -> config("directory.port", "70000")).hasMessageContaining("directory.port");
    }

    @Test
    void theAdminListenerIsOnLoopbackPort9090UnlessConfigured() {
        assertThat(config().adminPort()).hasValue(9090);
        assertThat(config().adminBind()).isEqualTo("127.0.0.1");
        assertThat(config(ServerConfig.BIND, "*").adminBind()).as("not moved by bind").isEqualTo("127.0.0.1");
        assertThat(config(ServerConfig.ADMIN_PORT, "off").adminPort()).isEqualTo(OptionalInt.empty());
        assertThat(config(ServerConfig.ADMIN_PORT, "0").adminPort()).hasValue(0);
        assertThat(config(ServerConfig.ADMIN_BIND, "*").adminBind()).as("every interface").isNull();
        assertThatThrownBy(() -> config(ServerConfig.ADMIN_PORT, "http")).hasMessageContaining("admin.port");
        assertThatThrownBy(() -> config(ServerConfig.ADMIN_BIND, "")).hasMessageContaining("admin.bind");
    }

    @Test
    void everyKnownKeyIsDeclaredOnce() {
        assertThat(ServerConfig.DEFAULTS).isNotEmpty(); // built without a duplicate, or the class would not load
    }

    @Test
    void aKeyTwoModulesDeclareIsRefused() {
        assertThatThrownBy(() -> ServerConfig.defaults(List.of(new TcdModule(), declaring("other", "tcd.max-request-bytes"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tcd.max-request-bytes")
                .hasMessageContaining("tcd")
                .hasMessageContaining("other");
    }

    @Test
    void aModuleKeyTheServerDeclaresIsRefused() {
        assertThatThrownBy(() -> ServerConfig.defaults(List.of(declaring("other", "bind"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bind")
                .hasMessageContaining("the server")
                .hasMessageContaining("other");
    }

    /** A module named {@code name} that declares {@code key}, and nothing else that works. */
    private static ProtocolModule<Void> declaring(String name, String key) {
        return new ProtocolModule<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int defaultPort() {
                return 0;
            }

            @Override
            public String title() {
                return name;
            }

            @Override
            public Map<String, String> defaults() {
                return Map.of(key, "1");
            }

            @Override
            public Void settings(ConfigSection config) {
                return null;
            }

            @Override
            public ConnectionErrors connectionErrors() {
                throw new UnsupportedOperationException();
            }

            @Override
            public ChannelHandler handler(Void settings, String qualifier, ModuleContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }
    @Test
    void listenersOnlyTurnsOffEveryPortOfTheProtocolsItDoesNotName() {
        ServerConfig config = config(ServerConfig.LISTENERS_ONLY, " tcd , line", ServerConfig.WEB_TLS_PORT, "8443",
                ServerConfig.LINE_TLS_PORT, "7712");
        assertThat(config.protocol("tcd").port()).hasValue(7710);
        assertThat(config.protocol("line").port()).hasValue(7711);
        assertThat(config.protocol("line").tlsPort()).hasValue(7712);
        for (String off : List.of("account", "directory", "irc", "web")) {
            assertThat(config.protocol(off).port()).as(off).isEmpty();
            assertThat(config.protocol(off).tlsPort()).as(off + " TLS").isEmpty();
        }
    }

    @Test
    void listenersOnlyEmptyServesEveryProtocolAsConfigured() {
        assertThat(config(ServerConfig.LISTENERS_ONLY, "").protocol("irc").port()).hasValue(6667);
    }

    @Test
    void listenersOnlyNeverTurnsOnAPortSetOff() {
        assertThat(config(ServerConfig.LISTENERS_ONLY, "tcd", ServerConfig.TCD_PORT, "off").protocol("tcd").port())
                .isEmpty();
    }

    @Test
    void listenersOnlyWithAnUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> config(ServerConfig.LISTENERS_ONLY, "tcd,gopher"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("listeners.only names no protocol this server speaks: gopher;"
                        + " the protocols are tcd, line, account, directory, irc, web");
    }
}
