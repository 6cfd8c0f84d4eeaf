package io.parley.client.directory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A room as a directory server lists it: {@code <name> <address> <port>} (spec:
 * {@code shared/specs/directory.md}). Immutable.
 */
record DirectoryRoom(String name, String address, int port) {

    /** The room from one line of a {@code getdir} listing. */
    static DirectoryRoom parse(String row) throws MalformedReplyException {
        String[] fields = row.strip().split(" +");
        if (fields.length != 3) {
            throw new MalformedReplyException("a listing row is not <name> <address> <port>: " + row);
        }
        try {
            return new DirectoryRoom(fields[0], fields[1], Integer.parseInt(fields[2]));
        } catch (NumberFormatException e) {
            throw new MalformedReplyException("a listing row has no port number: " + row);
        }
    }

    /** Where the room's messages go. The address is a literal, so this never looks anything up. */
    InetSocketAddress group() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }
}
