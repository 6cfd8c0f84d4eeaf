package io.parley.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Addresses as protocols print them, and the one rule by which every per-address limit
 * (connections, new rooms, directory entries, login budgets) counts a client. Thread-safe
 * (stateless).
 */
public final class Addresses {

    /**
     * The IPv6 prefix that counts as one client: one subscriber is usually given a whole /64 and
     * can pick any address in it, so counting single addresses would give it 2^64 budgets (Ergo
     * groups the same way).
     */
    public static final int IPV6_CLIENT_PREFIX_BITS = 64;

    private Addresses() {}

    /**
     * The address as text, an IPv4-mapped IPv6 address as plain IPv4 ({@code 127.0.0.1}, not
     * {@code ::ffff:127.0.0.1}), and without an IPv6 scope.
     */
    public static String plain(InetAddress address) {
        if (address instanceof Inet6Address v6 && isIpv4Mapped(v6.getAddress())) {
            byte[] bytes = v6.getAddress();
            return ipv4(Arrays.copyOfRange(bytes, 12, 16)).getHostAddress();
        }
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }

    /** The address and port as a peer is named in logs: {@code 127.0.0.1:5000}, {@code [::1]:5000}. */
    public static String withPort(InetSocketAddress address) {
        String host = plain(address.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * The address a per-address limit counts {@code address} under: an IPv4 (or IPv4-mapped IPv6)
     * address as itself, in IPv4 form; an IPv6 address as its /64 (the rest zeroed, no scope).
     */
    public static InetAddress countingKey(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4 || isIpv4Mapped(bytes)) {
            return ipv4(Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length));
        }
        Arrays.fill(bytes, IPV6_CLIENT_PREFIX_BITS / 8, bytes.length, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    /**
     * Who a connection is for the limits that count per client address, as text: its
     * {@link #countingKey} ({@code 192.0.2.7}, {@code 2001:db8:1:2::/64}); {@code local} for a
     * channel without an IP address (an in-memory one).
     */
    public static String origin(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return "local";
        }
        InetAddress key = countingKey(inet.getAddress());
        if (key instanceof Inet4Address) {
            return key.getHostAddress();
        }
        byte[] bytes = key.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < IPV6_CLIENT_PREFIX_BITS / 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/").append(IPV6_CLIENT_PREFIX_BITS).toString();
    }

    private static InetAddress ipv4(byte[] four) {
        try {
            return Inet4Address.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
