package io.parley.protocol.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.protocol.SettingException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", 4000);

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void rangesMatchByPrefixInBothAddressFamilies() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse("k", "127.0.0.1, 10.0.0.0/8, 192.168.4.0/22, fd00::/8");
        assertThat(proxies.trusts(ip("127.0.0.1"))).isTrue();
        assertThat(proxies.trusts(ip("127.0.0.2"))).isFalse();
        assertThat(proxies.trusts(ip("10.200.3.4"))).isTrue();
        assertThat(proxies.trusts(ip("11.0.0.1"))).isFalse();
        assertThat(proxies.trusts(ip("192.168.7.255"))).isTrue();
        assertThat(proxies.trusts(ip("192.168.8.0"))).isFalse();
        assertThat(proxies.trusts(ip("fd12::1"))).isTrue();
        assertThat(proxies.trusts(ip("fe80::1"))).isFalse();
        assertThat(proxies.trusts(ip("::ffff:10.1.1.1"))).as("IPv4-mapped").isTrue();
    }

    @Test
    void theClientIsTheRightmostUntrustedHop() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse("k", "127.0.0.1, 10.0.0.0/8");
        assertThat(proxies.client(PROXY, List.of("203.0.113.7")).getAddress()).isEqualTo(ip("203.0.113.7"));
        assertThat(proxies.client(PROXY, List.of("6.6.6.6, 203.0.113.7")).getAddress()).isEqualTo(ip("203.0.113.7"));
        assertThat(proxies.client(PROXY, List.of("203.0.113.7, 10.0.0.5")).getAddress()).isEqualTo(ip("203.0.113.7"));
        assertThat(proxies.client(PROXY, List.of("6.6.6.6", "203.0.113.7")).getAddress()).isEqualTo(ip("203.0.113.7"));
        assertThat(proxies.client(PROXY, List.of("[2001:db8::1]")).getAddress()).isEqualTo(ip("2001:db8::1"));
        assertThat(proxies.client(PROXY, List.of())).isEqualTo(PROXY);
        assertThat(proxies.client(PROXY, List.of("unknown"))).isEqualTo(PROXY);
        assertThat(proxies.client(PROXY, List.of("evil.example.org"))).as("never a DNS look-up").isEqualTo(PROXY);
    }

    @Test
    void badEntriesNameTheKey() {
        assertThatThrownBy(() -> TrustedProxies.parse("web.trusted-proxies", "proxy.local"))
                .isInstanceOf(SettingException.class).hasMessageContaining("web.trusted-proxies");
        assertThatThrownBy(() -> TrustedProxies.parse("web.trusted-proxies", "10.0.0.0/33"))
                .isInstanceOf(SettingException.class).hasMessageContaining("web.trusted-proxies");
        assertThat(TrustedProxies.parse("k", "").isEmpty()).isTrue();
    }
}
