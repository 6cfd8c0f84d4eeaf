package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.joinedAnnouncement;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.TcdClient.Joined;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients talking at once in one room: nobody misses a message, everybody sees one order. */
class TcdManyClientsTest {

    private static final int CLIENTS = 20;
    private static final int CHATS_EACH = 20;

    @RegisterExtension
    final ParleyExtension server = server();
    private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);

    /** The server under test (a subclass runs the same on another transport). */
    ParleyExtension server() {
        return ParleyExtension.withConfig();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void everyClientSeesEveryChatInTheSameOrder() throws Exception {
        List<TcdClient> clients = new ArrayList<>();
        List<Joined> joins = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            TcdClient client = server.connectTcd();
            joins.add(client.join("crowd", name(i)));
            for (TcdClient earlier : clients) {
                earlier.expect(joinedAnnouncement(joins.get(i).ref(), name(i)));
            }
            clients.add(client);
        }
        int ref = joins.get(0).ref();

        // Every client sends its chats and reads the room's, all at the same time.
        List<Future<List<String>>> seen = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            TcdClient client = clients.get(i);
            Joined joined = joins.get(i);
            String name = name(i);
            seen.add(threads.submit(() -> {
                for (int n = 0; n < CHATS_EACH; n++) {
                    client.send(chat(ref, joined.joinId(), name, name + " says " + n));
                }
                return readChats(client, ref, CLIENTS * CHATS_EACH);
            }));
        }

        List<String> first = seen.get(0).get(60, TimeUnit.SECONDS);
        assertThat(first).doesNotHaveDuplicates().hasSize(CLIENTS * CHATS_EACH);
        for (int i = 0; i < CLIENTS; i++) {
            String name = name(i);
            assertThat(first.stream().filter(line -> line.startsWith(name + ": ")))
                    .as("%s's chats, in the order sent", name)
                    .containsExactly(saidBy(name).toArray(String[]::new));
        }
        for (int i = 1; i < CLIENTS; i++) {
            assertThat(seen.get(i).get(60, TimeUnit.SECONDS)).as("what %s saw", name(i)).isEqualTo(first);
        }
    }

    private static String name(int i) {
        return "client" + i;
    }

    private static List<String> saidBy(String name) {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < CHATS_EACH; n++) {
            lines.add(name + ": " + name + " says " + n);
        }
        return lines;
    }

    /** Reads {@code count} relays of room {@code ref}, each as {@code "name: text"}. */
    private static List<String> readChats(TcdClient client, int ref, int count) throws Exception {
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            client.expect("CHAT: " + ref + "\nCLIENT_NAME: ");
            String name = client.readLine().stripTrailing();
            client.expect("MESSAGE: ");
            String text = client.readLine().stripTrailing();
            client.expect("\n");
            chats.add(name + ": " + text);
        }
        return chats;
    }
}
