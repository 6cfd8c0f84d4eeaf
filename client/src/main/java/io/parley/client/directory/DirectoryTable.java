package io.parley.client.directory;

import java.util.List;

/** Renders a directory listing as an aligned table, for people. Stateless. */
final class DirectoryTable {

    private static final String[] HEADINGS = {"room", "address", "port"};

    private DirectoryTable() {}

    static String render(List<DirectoryRoom> rooms) {
        if (rooms.isEmpty()) {
            return "The directory has no rooms.";
        }
        int nameWidth = HEADINGS[0].length();
        int addressWidth = HEADINGS[1].length();
        for (DirectoryRoom room : rooms) {
            nameWidth = Math.max(nameWidth, room.name().length());
            addressWidth = Math.max(addressWidth, room.address().length());
        }
        String format = "%-" + nameWidth + "s  %-" + addressWidth + "s  %s";
        StringBuilder table = new StringBuilder(String.format(format, (Object[]) HEADINGS));
        for (DirectoryRoom room : rooms) {
            table.append('\n').append(String.format(format, room.name(), room.address(), room.port()));
        }
        return table.toString();
    }
}
