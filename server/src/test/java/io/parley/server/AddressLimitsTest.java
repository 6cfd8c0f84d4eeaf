package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Forgetting idle addresses never forgets what the caps still need. */
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
}
