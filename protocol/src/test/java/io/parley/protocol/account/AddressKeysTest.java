package io.parley.protocol.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressKeysTest {

    private static String keyOf(String address) throws Exception {
        return AddressKeys.of(new InetSocketAddress(InetAddress.getByName(address), 4000));
    }

    @Test
    void ipv4IsCountedPerAddress() throws Exception {
        assertThat(keyOf("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(keyOf("::ffff:192.0.2.7")).as("IPv4-mapped").isEqualTo("192.0.2.7");
    }

    @Test
    void ipv6IsCountedPerSlash64() throws Exception {
        assertThat(keyOf("2001:db8:1:2::1")).isEqualTo(keyOf("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(keyOf("2001:db8:1:3::1")).isNotEqualTo(keyOf("2001:db8:1:2::1"));
    }
}
