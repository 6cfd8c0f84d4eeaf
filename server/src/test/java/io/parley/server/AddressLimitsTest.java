package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What counts as one source, and forgetting idle ones never forgets what the caps still need. */
class AddressLimitsTest {

    private static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();

    @Test
    void anAddressWithAnOpenConnectionKeepsItsCountWhenIdleOnesAreForgotten() {
        AddressLimits limits = new AddressLimits(1, 0, 0); // every window has ended at once
        assertThat(limits.tryOpen(ADDRESS)).isTrue();

        limits.forgetIdle();

        assertThat(limits.tryOpen(ADDRESS)).as("still one open").isFalse();
        limits.closed(ADDRESS);
        assertThat(limits.tryOpen(ADDRESS)).as("none open").isTrue();
        assertThat(limits.tryOpen(ADDRESS)).as("one open again").isFalse();
    }

    @Test
    void anAddressWithNothingOpenKeepsItsCountUntilItsWindowEnds() {
        AddressLimits limits = new AddressLimits(0, 1, TimeUnit.HOURS.toNanos(1));
        assertThat(limits.tryOpen(ADDRESS)).isTrue();
        limits.closed(ADDRESS);

        limits.forgetIdle();

        assertThat(limits.tryOpen(ADDRESS)).as("its one new connection this window is used").isFalse();
    }

    @Test
    void everyAddressOfOneIpv6Slash64IsOneSource() throws Exception {
        AddressLimits limits = new AddressLimits(1, 0, TimeUnit.HOURS.toNanos(1));
        InetAddress host = InetAddress.getByName("2001:db8:1:2::1");

        assertThat(limits.tryOpen(host)).isTrue();
        assertThat(limits.tryOpen(InetAddress.getByName("2001:db8:1:2:ffff:ffff:ffff:fffe")))
                .as("another address of the same /64").isFalse();
        assertThat(limits.tryOpen(InetAddress.getByName("2001:db8:1:3::1"))).as("the next /64").isTrue();

        limits.closed(InetAddress.getByName("2001:db8:1:2::1"));
        assertThat(limits.tryOpen(InetAddress.getByName("2001:db8:1:2::99"))).as("its /64 freed").isTrue();
    }

    @Test
    void everyIpv4AddressIsASourceOfItsOwn() throws Exception {
        AddressLimits limits = new AddressLimits(1, 0, TimeUnit.HOURS.toNanos(1));

        assertThat(limits.tryOpen(InetAddress.getByName("192.0.2.1"))).isTrue();
        assertThat(limits.tryOpen(InetAddress.getByName("192.0.2.2"))).isTrue();
        assertThat(limits.tryOpen(InetAddress.getByName("::ffff:192.0.2.2"))).as("192.0.2.2, IPv4-mapped").isFalse();
    }
}
