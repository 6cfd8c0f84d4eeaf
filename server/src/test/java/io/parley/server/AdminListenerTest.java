package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin listener as a load balancer or Kubernetes sees it, over real sockets: {@code /livez},
 * {@code /readyz} (503 with the reason while the store cannot write, 200 again after), and the
 * answers to a wrong path or method.
 */
class AdminListenerTest {

    private final ByteArrayOutputStream status = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    @BeforeEach
    void start() throws Exception {
        // Every chat listener on every interface: the admin one stays on loopback all the same.
        server.start(Map.of(ServerConfig.ADMIN_PORT, "0", ServerConfig.BIND, "*",
                ServerConfig.STORE_BUSY_TIMEOUT_MS, "200"), new PrintStream(status, true, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.parley().adminPort() + path);
    }

    @Test
    void itSaysWhereItListensOnLoopbackByDefault() {
        assertThat(status.toString(StandardCharsets.UTF_8).lines()).contains("Admin HTTP listening on port "
                + server.parley().adminPort() + " (127.0.0.1): /metrics, /livez, /readyz, POST /reload");
    }

    @Test
    void livezAndReadyzAnswerOkWhenAllIsWell() throws Exception {
        HttpResponse<String> live = get("/livez");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("ok\n");

        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");
    }

    @Test
    void readyzIsUnavailableWhileTheStoreIsLockedAndReadyAgainAfter() throws Exception {
        try (Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + server.data().resolve("parley.db"));
                Statement lock = intruder.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");

            HttpResponse<String> locked = get("/readyz");
            assertThat(locked.statusCode()).isEqualTo(503);
            assertThat(locked.body()).startsWith("not ready: the store ").contains("SQLITE_BUSY").endsWith("\n")
                    .hasLineCount(1);
            assertThat(get("/livez").statusCode()).as("the process is still alive").isEqualTo(200);

            lock.execute("ROLLBACK");
        }
        HttpResponse<String> after = get("/readyz");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("ready\n");
    }

    @Test
    void readyzIsUnavailableWhenTheStoreTakesTooLongAndReadyOnceItCatchesUp() throws Exception {
        server.stop();
        // The store waits out a lock for longer than /readyz waits for its probe.
        server.start(Map.of(ServerConfig.ADMIN_PORT, "0",
                ServerConfig.STORE_BUSY_TIMEOUT_MS, "30000"));
        try (Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + server.data().resolve("parley.db"));
                Statement lock = intruder.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");

            HttpResponse<String> slow = get("/readyz");
            assertThat(slow.statusCode()).isEqualTo(503);
            assertThat(slow.body()).isEqualTo("not ready: the store did not commit a write within "
                    + Readiness.STORE_TIMEOUT_MS + " ms\n");

            lock.execute("ROLLBACK");
        }
        assertThat(get("/readyz").statusCode()).as("the probe still queued commits once the lock is gone")
                .isEqualTo(200);
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrderEvenWhenTheFirstTakesLonger() throws Exception {
        try (Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + server.data().resolve("parley.db"));
                Statement lock = intruder.createStatement();
                WireClient client = WireClient.connect(server.parley().adminPort())) {
            lock.execute("BEGIN EXCLUSIVE"); // /readyz now waits for the store's busy timeout

            client.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\nGET /livez HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(client.readLine()).isEqualTo("HTTP/1.1 503 Service Unavailable\r");
            String line;
            do {
                line = client.readLine();
            } while (!line.startsWith("not ready"));
            assertThat(client.readLine()).isEqualTo("HTTP/1.1 200 OK\r");
            lock.execute("ROLLBACK");
        }
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        HttpResponse<String> response = get("/nosuch");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/metrics", "/livez", "/readyz");
    }

    @Test
    void anythingButGetIsNotAllowed() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/readyz"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }
}
