package io.parley.client.account;

import java.util.Optional;

/**
 * One history line, {@code D CH <time> BM <from> lobby <text>} or
 * {@code D CH <time> PM <from> <to> enc|text <payload>} (spec: {@code shared/specs/account.md},
 * "Operations"), as sent: nothing decrypted yet. Immutable.
 *
 * @param time UTC ISO-8601 with milliseconds
 * @param type {@code BM} or {@code PM}
 * @param from the sender
 * @param to the receiver ({@code lobby} for a BM)
 * @param format {@code enc} or {@code text} ({@code text} for every BM)
 * @param payload the message, encrypted when {@code format} is {@code enc}
 */
record HistoryEntry(String time, String type, String from, String to, String format, String payload) {

    /** Parses what follows {@code D CH }; empty if it does not have the spec's fields. */
    static Optional<HistoryEntry> parse(String fields) {
        String[] parts = fields.split(" ", 5);
        if (parts.length < 4) {
            return Optional.empty();
        }
        String rest = parts.length == 5 ? parts[4] : "";
        if (!parts[1].equals("PM")) {
            return Optional.of(new HistoryEntry(parts[0], parts[1], parts[2], parts[3], "text", rest));
        }
        String[] message = rest.split(" ", 2);
        String payload = message.length == 2 ? message[1] : "";
        return Optional.of(new HistoryEntry(parts[0], parts[1], parts[2], parts[3], message[0], payload));
    }
}
