package io.parley.protocol.account;

import io.parley.protocol.Addresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The key login budgets count a client address under: an IPv4 address as is, an IPv6 address by
 * its /64 prefix (one subscriber usually holds a whole /64, so counting single addresses would
 * give it 2^64 budgets; Ergo groups the same way). Thread-safe (stateless).
 */
final class AddressKeys {

    private static final int IPV6_PREFIX_BYTES = 8;

    private AddressKeys() {}

    static String of(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return String.valueOf(remote);
        }
        InetAddress address = socket.getAddress();
        String plain = Addresses.plain(address);
        if (!(address instanceof Inet6Address) || plain.indexOf(':') < 0) {
            return plain; // IPv4, or IPv4-mapped IPv6
        }
        byte[] bytes = address.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }
}
