package io.parley.server;

import io.parley.testing.WireClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store that another process has locked: senders are told, in their protocol's error form, that
 * their message was not stored; nothing crashes; once the lock is gone, chat goes on.
 */
class StoreFaultTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(Map.of(ServerConfig.STORE_BUSY_TIMEOUT_MS, "200"));

    @Test
    void aLockedStoreRefusesMessagesClearlyAndRecovers() throws Exception {
        try (WireClient line = WireClient.connect(server.port("line"));
                TcdClient tcd = TcdClient.connect(server.port("tcd"))) {
            line.send("alice\nbefore\n").expect("alice: before\n");
            TcdClient.Joined room = tcd.join("room1", "tom");

            try (Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + server.data().resolve("parley.db"));
                    Statement lock = intruder.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                line.send("while locked\n").expect("* message not stored, try again\n");
                tcd.send(TcdMessages.chat(room.ref(), room.joinId(), "tom", "while locked"));
                tcd.expect("ERROR_CODE: 7\nERROR_DESCRIPTION: message not stored, try again\n");
                lock.execute("ROLLBACK");
            }

            line.send("after\n").expect("alice: after\n");
            tcd.send(TcdMessages.chat(room.ref(), room.joinId(), "tom", "after"));
            tcd.expect(TcdMessages.relay(room.ref(), "tom", "after"));
        }
    }
}
