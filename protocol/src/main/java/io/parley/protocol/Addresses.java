package io.parley.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Addresses as protocols print them. */
public final class Addresses {

    private Addresses() {}

    /**
     * The address as text, an IPv4-mapped IPv6 address as plain IPv4 ({@code 127.0.0.1}, not
     * {@code ::ffff:127.0.0.1}), and without an IPv6 scope.
     */
    public static String plain(InetAddress address) {
        if (address instanceof Inet6Address v6 && isIpv4Mapped(v6.getAddress())) {
            byte[] bytes = v6.getAddress();
            try {
                return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16)).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an IPv4 address", e);
            }
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
     * Who a connection is, for the limits that count per client address (rooms created,
     * directory entries): its peer address as {@link #plain} text; {@code local} for a channel
     * without an IP address (an in-memory one).
     */
    public static String origin(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null ? plain(inet.getAddress()) : "local";
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
