package io.parley.protocol.web;

import io.parley.protocol.SettingException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code web.trusted-proxies}: a
 * comma-separated list of addresses and CIDR ranges such as {@code 127.0.0.1, 10.0.0.0/8,
 * ::1}). Any other peer's header is ignored: a client can write whatever it likes in it.
 * Immutable and thread-safe.
 */
final class TrustedProxies {

    /** Literal addresses only: a host name would make start-up (and every check) hit DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    static TrustedProxies parse(String key, String value) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : value.isBlank() ? new String[0] : value.strip().split("\\s*,\\s*")) {
            String[] parts = entry.split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new SettingException(key, "takes IP addresses and CIDR ranges (e.g. 10.0.0.0/8), not " + entry);
            }
            int maxBits = address.getAddress().length * 8;
            int bits = maxBits;
            if (parts.length == 2) {
                try {
                    bits = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > maxBits) {
                    throw new SettingException(key, "takes prefix lengths 0-" + maxBits + ", not " + entry);
                }
            }
            ranges.add(new Range(address.getAddress(), bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    /** An IP literal, or null. */
    static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.isEmpty() || !LITERAL.matcher(bare).matches() || (bare.indexOf(':') < 0 && bare.chars().filter(c -> c == '.').count() != 3)) {
            return null;
        }
        try {
            return InetAddress.getByName(bare); // a literal: no look-up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean trusts(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client behind {@code peer}, a trusted proxy, by its {@code X-Forwarded-For} values
     * (each header a list, the last entry added by the nearest proxy): the rightmost address that
     * is not itself a trusted proxy, so a client cannot pass off a made-up address by sending the
     * header itself. The peer when the header is missing or holds no address.
     */
    InetSocketAddress client(InetSocketAddress peer, List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        InetAddress client = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // garbage (or "unknown"): believe nothing further left
            }
            client = hop;
            if (!trusts(hop)) {
                break;
            }
        }
        return client == null ? peer : new InetSocketAddress(client, 0);
    }

    private record Range(byte[] prefix, int bits) {

        boolean contains(byte[] address) {
            byte[] candidate = address;
            if (candidate.length != prefix.length) {
                candidate = mapped(candidate, prefix.length);
                if (candidate == null) {
                    return false;
                }
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[whole] & mask) == (prefix[whole] & mask);
        }

        /** An IPv4-mapped IPv6 address as IPv4 and the reverse, or null. */
        private static byte[] mapped(byte[] address, int length) {
            if (address.length == 16 && length == 4) {
                for (int i = 0; i < 10; i++) {
                    if (address[i] != 0) {
                        return null;
                    }
                }
                if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
                    return null;
                }
                return java.util.Arrays.copyOfRange(address, 12, 16);
            }
            if (address.length == 4 && length == 16) {
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(address, 0, v6, 12, 4);
                return v6;
            }
            return null;
        }
    }
}
