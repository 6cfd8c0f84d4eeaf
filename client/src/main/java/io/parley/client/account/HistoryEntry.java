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
        return AccountFrames.history(fields);
    }
}
