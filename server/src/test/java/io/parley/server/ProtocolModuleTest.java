package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import io.parley.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A protocol the server has never heard of gets its settings, flags, listeners and status lines
 * from its module alone: what "a new protocol is one package and one line in a list" rests on.
 */
class ProtocolModuleTest {

    @TempDir
    Path data;

    /** Greets with {@code echo.greeting}, then sends back what it is sent. */
    private static final class EchoModule implements ProtocolModule<String> {

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public int defaultPort() {
            return 7799;
        }

        @Override
        public String title() {
            return "Echo protocol";
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of("echo.greeting", "hello");
        }

        @Override
        public String settings(ConfigSection config) {
            return config.text("echo.greeting");
        }

        @Override
        public ConnectionErrors connectionErrors() {
            return new ConnectionErrors("busy\n", "late\n", "bye\n");
        }

        @Override
        public ChannelHandler handler(String greeting, String qualifier, ModuleContext context) {
            return new Echo(greeting);
        }
    }

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        private final String greeting;

        Echo(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(greeting + "\n", StandardCharsets.UTF_8));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ctx.writeAndFlush((ByteBuf) message);
        }
    }

    private static final List<ProtocolModule<?>> ECHO_ONLY = List.of(new EchoModule());

    private Properties settings(String... keysAndValues) {
        Properties properties = new Properties();
        properties.setProperty(ServerConfig.DATA, data.toString());
        properties.setProperty(ServerConfig.BIND, "127.0.0.1");
        properties.setProperty(ServerConfig.ADMIN_PORT, "off");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void aNewProtocolIsServedWithItsOwnSettingsPortNameAndStatusLine() throws Exception {
        ServerConfig config = ServerConfig.from(settings("echo.port", "0", "echo.greeting", "hi"), ECHO_ONLY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ParleyServer server = ParleyServer.start(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (WireClient client = WireClient.connect(server.port("echo"))) {
            assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                    .containsExactly("Echo protocol listening on port " + server.port("echo") + " (127.0.0.1)");
            client.expect("hi\n").send("ping\n").expect("ping\n");
        } finally {
            server.stop();
        }
    }

    @Test
    void itsKeysAreCheckedAndOnlyTheProtocolsSpokenAreKnown() {
        assertThat(ServerConfig.defaults(ECHO_ONLY)).containsEntry("echo.port", "7799")
                .containsEntry("echo.tls-port", "off").containsEntry("echo.greeting", "hello")
                .doesNotContainKey(ServerConfig.TCD_PORT);
        assertThatThrownBy(() -> ServerConfig.from(settings("echo.port", "seven"), ECHO_ONLY))
                .hasMessage("echo.port must be a port (0-65535) or off, not seven");
        assertThatThrownBy(() -> ServerConfig.from(settings(ServerConfig.TCD_PORT, "0"), ECHO_ONLY))
                .hasMessageStartingWith("unknown configuration key(s) tcd.port");
    }

    @Test
    void itsFlagsAreMadeFromItsModule() {
        CommandSpec spec = CommandSpec.create();
        ProtocolFlags.add(spec, ECHO_ONLY);
        CommandLine command = new CommandLine(spec);

        assertThat(command.getUsageMessage().replaceAll("\\s+", " ")).contains(
                "--echo=PORT Echo protocol port, 0 for a free one, or off (default: 7799).",
                "--echo-tls=PORT Echo protocol over TLS: port, 0 for a free one, or off (default: off).");
        command.parseArgs("--echo-tls", "0");
        List<String> set = new ArrayList<>();
        ProtocolFlags.apply(spec, ECHO_ONLY, (key, flag, value) -> set.add(key + "=" + value + " by " + flag),
                (key, value) -> set.add(key + "=" + value));
        assertThat(set).containsExactly("echo.tls-port=0 by --echo-tls");
    }
}
