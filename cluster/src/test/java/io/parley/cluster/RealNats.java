package io.parley.cluster;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;

/** The real nats-server these tests run against, on 127.0.0.1:4222, and a subject prefix per test. */
final class RealNats {

    static final String URL = "nats://127.0.0.1:4222";

    private RealNats() {}

    /** Fails the test, saying how to start it, when no NATS server listens there. */
    static void require() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 4222), 2000);
        } catch (IOException e) {
            fail("no NATS server on 127.0.0.1:4222 (" + e.getMessage() + "); start one with: "
                    + "start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- "
                    + "-a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log");
        }
    }

    /** Settings for node {@code node} on subjects no other test uses. */
    static BusSettings settings(String prefix, String node) {
        return new BusSettings(URL, node, prefix, Duration.ofMillis(50), Duration.ofSeconds(5));
    }

    static String uniquePrefix() {
        return "test-" + UUID.randomUUID().toString().replace("-", "");
    }
}
