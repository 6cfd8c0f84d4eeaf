package io.parley.client.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * A directory server's reply (spec: {@code shared/specs/directory.md}): {@code OK <text>} or
 * {@code ERR <code> <text>}, and for a listing the rows after it. Immutable.
 *
 * @param ok whether it is an {@code OK}
 * @param code the error code, 0 for {@code OK}
 * @param text what follows {@code OK} or the code
 * @param rows the listing's rows, empty unless this is a {@code getdir}'s {@code OK <n>}
 */
record CrdsReply(boolean ok, int code, String text, List<String> rows) {

    CrdsReply {
        rows = List.copyOf(rows);
    }

    /** Parses a reply's first line (rows come after, once {@link #listingSize} has said how many). */
    static CrdsReply parse(String first) throws MalformedReplyException {
        if (first.equals("OK") || first.startsWith("OK ")) {
            return new CrdsReply(true, 0, first.substring(2).strip(), List.of());
        }
        String[] parts = first.split(" ", 3);
        if (parts.length >= 2 && parts[0].equals("ERR") && parts[1].matches("\\d{3}")) {
            return new CrdsReply(false, Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : "", List.of());
        }
        throw new MalformedReplyException("not a directory reply: " + first);
    }

    /** How many rows follow this reply to {@code command}: the n of a getdir's {@code OK <n>}, else 0. */
    int listingSize(String command) throws MalformedReplyException {
        if (!ok || !command.strip().split(" +")[0].equalsIgnoreCase("getdir")) {
            return 0;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new MalformedReplyException("a getdir reply without a count: OK " + text);
        }
    }

    CrdsReply withRows(List<String> rows) {
        return new CrdsReply(ok, code, text, rows);
    }

    /** The listing's rooms, in the server's order. */
    List<DirectoryRoom> rooms() throws MalformedReplyException {
        List<DirectoryRoom> rooms = new ArrayList<>();
        for (String row : rows) {
            rooms.add(DirectoryRoom.parse(row));
        }
        return rooms;
    }

    /** The reply as the client shows it: an OK's text, or {@code error <code>: <text>}. */
    String readable() {
        return ok ? text : "error " + code + ": " + text;
    }
}
