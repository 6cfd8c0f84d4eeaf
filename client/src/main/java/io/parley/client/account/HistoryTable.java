package io.parley.client.account;

import io.parley.core.text.Text;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat history as a table for the terminal: time (UTC, to the second), type, from, to and
 * the message, oldest first. Encrypted private messages addressed to this user are decrypted;
 * those it sent were encrypted for their receiver, and are shown from the sender's own copy
 * ({@link SentMessages}), or as {@link MessageDecryptor#ENCRYPTED} where there is none (sent
 * from another machine, or by another client). Thread-safe (immutable).
 */
final class HistoryTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final List<String> HEADER = List.of("Time (UTC)", "Type", "From", "To", "Message");
    private static final String GAP = "  ";

    private final MessageDecryptor decryptor;
    private final String username;
    private final SentMessages sentMessages;

    HistoryTable(MessageDecryptor decryptor, String username, SentMessages sentMessages) {
        this.decryptor = decryptor;
        this.username = username;
        this.sentMessages = sentMessages;
    }

    String render(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return "No chat history yet.";
        }
        Map<String, String> copies;
        try {
            copies = sentMessages.load();
        } catch (IOException e) {
            copies = Map.of(); // the messages this user sent then show as [encrypted]
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (HistoryEntry entry : entries) {
            rows.add(row(entry, copies));
        }
        int[] widths = new int[HEADER.size() - 1]; // the message column is last and not padded
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        rule.add("-".repeat(HEADER.get(widths.length).length()));
        rows.add(1, rule);
        StringBuilder table = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                table.append(row.get(i)).append(" ".repeat(widths[i] - width(row.get(i)))).append(GAP);
            }
            table.append(row.get(widths.length)).append('\n');
        }
        return table.append(entries.size()).append(entries.size() == 1 ? " entry" : " entries").toString();
    }

    private List<String> row(HistoryEntry entry, Map<String, String> copies) {
        return List.of(time(entry.time()), Text.clean(entry.type(), false), Text.clean(entry.from(), false),
                Text.clean(entry.to(), false), text(entry, copies));
    }

    private String text(HistoryEntry entry, Map<String, String> copies) {
        boolean forSomeoneElse = !entry.to().equalsIgnoreCase(username);
        if (entry.format().equals("enc") && forSomeoneElse) {
            Optional<String> copy = entry.from().equalsIgnoreCase(username)
                    ? SentMessages.copyOf(copies, entry.payload()) : Optional.empty();
            return copy.map(ownCopy -> decryptor.readable("enc", ownCopy)).orElse(MessageDecryptor.ENCRYPTED);
        }
        return decryptor.readable(entry.format(), entry.payload());
    }

    private static String time(String iso) {
        try {
            return TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return Text.clean(iso, false);
        }
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
