package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** account.md point 9: long UTF-8 messages, and many users broadcasting at once. */
class AccountLoadTest {

    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    private AccountWire login(String name) throws Exception {
        return server.login(name, PASSWORD);
    }

    @Test
    void tenKibibyteUtf8MessagesGoThroughByBroadcastAndPrivateMessage() throws Exception {
        AccountWire alice = login("alice");
        AccountWire bob = login("bob");
        String text = "ünïcödé ✓ 你好 ".repeat(10 * 1024 / 24 + 1);

        alice.broadcast(text);
        bob.wire.expect("D BM alice " + text + "\n");
        alice.sendPrivate("bob", text);
        String delivery = bob.wire.readLine();

        assertThat(delivery).startsWith("D PM alice enc ");
        assertThat(bob.decrypt(delivery.substring("D PM alice enc ".length()))).isEqualTo(text);
    }

    @Test
    void twentyUsersBroadcastingAtOnceLoseNothing() throws Exception {
        int users = 20;
        int each = 10;
        List<AccountWire> clients = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            clients.add(login("user" + i));
        }
        // Everyone is in lobby once the last login is welcomed: its join came after the others'.
        // A thread per reader and per sender: blocking reads must not starve the senders.
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            List<CompletableFuture<List<String>>> received = new ArrayList<>();
            for (AccountWire client : clients) {
                received.add(CompletableFuture.supplyAsync(() -> readBroadcasts(client, (users - 1) * each), threads));
            }
            for (AccountWire client : clients) {
                threads.execute(() -> {
                    for (int n = 0; n < each; n++) {
                        client.wire.send("C BM\nD " + client.name + " says " + n + "\n");
                    }
                });
            }
            for (int i = 0; i < users; i++) {
                List<String> others = new ArrayList<>();
                for (int sender = 0; sender < users; sender++) {
                    if (sender != i) {
                        for (int n = 0; n < each; n++) {
                            others.add("D BM user" + sender + " user" + sender + " says " + n);
                        }
                    }
                }
                assertThat(received.get(i).get(60, TimeUnit.SECONDS)).as("user%d's broadcasts", i)
                        .containsExactlyInAnyOrderElementsOf(others);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Reads frames until {@code count} broadcasts arrived; replies to its own BMs are skipped. */
    private static List<String> readBroadcasts(AccountWire client, int count) {
        List<String> broadcasts = new ArrayList<>();
        while (broadcasts.size() < count) {
            String frame = client.wire.readLine();
            if (frame.startsWith("D BM ")) {
                broadcasts.add(frame);
            }
        }
        return broadcasts;
    }
}
