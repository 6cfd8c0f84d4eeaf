package io.parley.client.account;

import java.util.List;
import java.util.Optional;

/**
 * Reads the server frames that carry user names, in one place (spec:
 * {@code shared/specs/account.md}): {@code D BM <from> <text>}, {@code D PM <from> enc|text
 * <payload>}, {@code D CH <time> <type> <from> <to> ...} and the names of {@code C USERS}. A name
 * is one token: Parley percent-encodes the blanks, invisible characters and {@code %} of a line or
 * TCD name ({@code alice%20says}, docs/protocols/account.md). The client shows the token as it
 * came, on purpose: decoded, {@code alice says} or {@code alice} plus an invisible character
 * would again look like {@code alice}. Stateless and thread-safe.
 */
final class AccountFrames {

    /** A broadcast delivered to this user. */
    record Broadcast(String from, String text) {}

    /** A private message delivered to this user: {@code format} is {@code enc} or {@code text}. */
    record PrivateDelivery(String from, String format, String payload) {}

    private AccountFrames() {}

    /** {@code D BM <from> <text>}; empty if the frame is not one. */
    static Optional<Broadcast> broadcast(String line) {
        Reply frame = new Reply(line);
        if (!frame.is("D BM")) {
            return Optional.empty();
        }
        String[] parts = frame.after("D BM").split(" ", 2);
        return Optional.of(new Broadcast(parts[0], parts.length > 1 ? parts[1] : ""));
    }

    /** {@code D PM <from> enc|text <payload>}; empty if the frame is not one. */
    static Optional<PrivateDelivery> privateMessage(String line) {
        Reply frame = new Reply(line);
        if (!frame.is("D PM")) {
            return Optional.empty();
        }
        String[] parts = frame.after("D PM").split(" ", 3);
        return parts.length == 3 ? Optional.of(new PrivateDelivery(parts[0], parts[1], parts[2])) : Optional.empty();
    }

    /**
     * What follows {@code D CH }: {@code <time> BM <from> lobby <text>} or
     * {@code <time> PM <from> <to> enc|text <payload>}; empty if it does not have these fields.
     */
    static Optional<HistoryEntry> history(String fields) {
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

    /** The names of {@code C USERS <names>}, given what follows {@code C USERS}; none when it is blank. */
    static List<String> users(String names) {
        return names.isBlank() ? List.of() : List.of(names.strip().split(" +"));
    }
}
