package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The one rule every per-address limit counts clients by: IPv4 per address, IPv6 per /64. */
class AddressesTest {

    private static String originOf(String address) throws Exception {
        return Addresses.origin(new InetSocketAddress(InetAddress.getByName(address), 4000));
    }

    private static InetAddress keyOf(String address) throws Exception {
        return Addresses.countingKey(InetAddress.getByName(address));
    }

    @Test
    void ipv4IsCountedPerAddress() throws Exception {
        assertThat(originOf("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(originOf("::ffff:192.0.2.7")).as("IPv4-mapped").isEqualTo("192.0.2.7");
        assertThat(originOf("192.0.2.8")).isNotEqualTo(originOf("192.0.2.7"));
        assertThat(keyOf("192.0.2.7")).isEqualTo(InetAddress.getByName("192.0.2.7"));
    }

    @Test
    void ipv6IsCountedPerSlash64() throws Exception {
        assertThat(originOf("2001:db8:1:2::1")).isEqualTo(originOf("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(originOf("2001:db8:1:3::1")).isNotEqualTo(originOf("2001:db8:1:2::1"));
        assertThat(keyOf("2001:db8:1:2::1")).isEqualTo(keyOf("2001:db8:1:2:ffff:ffff:ffff:fffe"))
                .isEqualTo(InetAddress.getByName("2001:db8:1:2::"));
        assertThat(keyOf("2001:db8:1:3::1")).isNotEqualTo(keyOf("2001:db8:1:2::1"));
    }

    @Test
    void aChannelWithoutAnIpAddressIsLocal() {
        EmbeddedChannel channel = new EmbeddedChannel();
        assertThat(Addresses.origin(channel.remoteAddress())).isEqualTo("local");
        channel.finishAndReleaseAll();
    }
}
