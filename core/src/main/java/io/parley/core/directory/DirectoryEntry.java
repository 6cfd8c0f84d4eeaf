package io.parley.core.directory;

import java.util.Objects;

/**
 * A room of the chat room directory (spec: {@code shared/specs/directory.md}): its name, the
 * multicast group and port its members chat on, and the ref of the core room it also is.
 *
 * <p>Immutable and thread-safe. The values are valid by {@link DirectoryRules}.
 *
 * @param name the room's name as it was made
 * @param address the group, an IPv4 address in 239.0.0.0/8, in dotted-quad form
 * @param port the UDP port, 1024-65535
 * @param roomRef the ref of the core room with this name
 */
public record DirectoryEntry(String name, String address, int port, int roomRef) {

    public DirectoryEntry {
        if (!DirectoryRules.isValidName(name)) {
            throw new IllegalArgumentException("invalid room name: " + name);
        }
        if (!Objects.equals(DirectoryRules.groupAddress(address).orElse(null), address)) {
            throw new IllegalArgumentException("not a 239.0.0.0/8 address in dotted-quad form: " + address);
        }
        if (port < DirectoryRules.MIN_PORT || port > DirectoryRules.MAX_PORT) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Whether this room chats on {@code address}:{@code port}. */
    public boolean usesGroup(String address, int port) {
        return this.address.equals(address) && this.port == port;
    }
}
