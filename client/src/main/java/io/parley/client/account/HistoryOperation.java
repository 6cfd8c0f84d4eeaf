package io.parley.client.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CH: {@code C CH}, then {@code D CH ...} lines until {@code C OK <n> entries} (spec:
 * {@code shared/specs/account.md}, "Operations"), shown as a {@link HistoryTable}. Session thread
 * only.
 */
final class HistoryOperation implements Operation {

    private final ServerConnection connection;
    private final Screen screen;
    private final HistoryTable table;

    HistoryOperation(ServerConnection connection, Screen screen, HistoryTable table) {
        this.connection = connection;
        this.screen = screen;
        this.table = table;
    }

    @Override
    public void run() throws SessionEnded {
        connection.send("C CH");
        List<HistoryEntry> entries = new ArrayList<>();
        int unreadable = 0;
        for (Reply reply = connection.next(); !reply.isOk(); reply = connection.next()) {
            if (!reply.is("D CH")) {
                screen.print("No history: " + reply.describe());
                return;
            }
            Optional<HistoryEntry> entry = HistoryEntry.parse(reply.after("D CH"));
            entry.ifPresent(entries::add);
            unreadable += entry.isEmpty() ? 1 : 0;
        }
        screen.print(table.render(entries));
        if (unreadable > 0) {
            screen.print("(" + unreadable + " more could not be read)");
        }
    }
}
