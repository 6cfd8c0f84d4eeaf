package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /reload} rereads the config file the server was started with: a lower per-address
 * cap refuses the next connection, a new MOTD reaches the next IRC client, what needs a restart is
 * named and left as it runs, a flag still wins over the file, and a file with a mistake changes
 * nothing and says why, all in the one line the answer (and the log) gives.
 */
@Timeout(60)
class ConfigReloadTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    private Path config;
    private Path motd;

    private void start(String... lines) throws Exception {
        config = dir.resolve("parley.conf");
        motd = dir.resolve("motd.txt");
        Files.writeString(motd, "Welcome to the first day\n");
        write(lines);
        server.startFromFile(config, Map.of(ServerConfig.ADMIN_PORT, "0"));
    }

    private void write(String... lines) throws Exception {
        Files.writeString(config, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private HttpResponse<String> postReload() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.parley().adminPort() + "/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private List<String> motdOf(String nick) {
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("NICK " + nick).send("USER " + nick + " 0 * :" + nick);
        return client.until(line -> IrcClient.command(line).equals("376") || IrcClient.command(line).equals("422"))
                .stream().filter(line -> IrcClient.command(line).equals("372")).toList();
    }

    @Test
    void aLowerPerAddressCapRefusesTheNextConnection() throws Exception {
        start(ServerConfig.MAX_PER_ADDRESS + " = 256");
        server.connect("line").send("alice\n");
        server.connect("line").send("bob\n");

        write(ServerConfig.MAX_PER_ADDRESS + " = 2");
        HttpResponse<String> reloaded = postReload();

        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body().strip()).isEqualTo("reloaded " + config + ": " + ServerConfig.MAX_PER_ADDRESS + " 256 -> 2");
        server.connect("line").expect("* too many connections from your address\n").expectEof();
    }

    @Test
    void aNewMotdReachesTheNextIrcClient() throws Exception {
        start(IrcModule.MOTD + " = " + dir.resolve("motd.txt"));
        assertThat(motdOf("before")).singleElement().asString().endsWith(":- Welcome to the first day");

        Files.writeString(motd, "Welcome to the second day\n");
        HttpResponse<String> reloaded = postReload();

        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body().strip()).isEqualTo("reloaded " + config + ": irc.motd changed");
        assertThat(motdOf("after")).singleElement().asString().endsWith(":- Welcome to the second day");
    }

    @Test
    void whatNeedsARestartIsNamedAndKeptAndAFlagStillWins() throws Exception {
        start(ServerConfig.TCD_STUDENT_ID + " = parley");
        int tcd = server.port("tcd");

        write(ServerConfig.TCD_STUDENT_ID + " = someone-else", ServerConfig.TCD_PORT + " = 7777",
                ServerConfig.REGISTRATION_TIMEOUT_SECONDS + " = 20");
        HttpResponse<String> reloaded = postReload();

        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body().strip()).isEqualTo("reloaded " + config + ": " + ServerConfig.REGISTRATION_TIMEOUT_SECONDS
                + " 30 -> 20; needs a restart: " + ServerConfig.TCD_STUDENT_ID + " parley -> someone-else");
        TcdClient client = server.connectTcd();
        client.send("HELO there\n");
        client.expect(TcdMessages.helo("there", tcd)); // StudentID: parley, as running
    }

    @Test
    void aFileWithAMistakeChangesNothingAndSaysWhy() throws Exception {
        start(ServerConfig.MAX_PER_ADDRESS + " = 256");
        server.connect("line").send("alice\n");
        write(ServerConfig.MAX_PER_ADDRESS + " = 1");
        assertThat(postReload().statusCode()).isEqualTo(200);

        write(ServerConfig.MAX_PER_ADDRESS + " = 3", "connection.max-per-adress = 4");
        HttpResponse<String> refused = postReload();

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body().strip()).isEqualTo("not reloaded, keeping the running settings: " + config
                + ": unknown configuration key(s) connection.max-per-adress; parley.conf lists every key");
        server.connect("line").expect("* too many connections from your address\n").expectEof();
    }
}
