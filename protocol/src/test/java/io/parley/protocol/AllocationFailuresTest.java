package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.parley.core.account.RegisteredNames;
import io.parley.protocol.line.LineInitializer;
import io.parley.protocol.line.LineSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 finding 11: running out of (direct) memory while serving a connection is reported at
 * ERROR, rate-limited, instead of being swallowed with the connection at debug.
 */
class AllocationFailuresTest {

    private long now = 1_000;
    private final List<String> logged = new ArrayList<>();
    private final AllocationFailures failures = new AllocationFailures(() -> now,
            (message, error) -> logged.add(message));

    @Test
    void anOutOfMemoryErrorIsLoggedAtOnceThenAtMostOnceAMinuteWithACount() {
        assertThat(failures.check(new EncoderException(new OutOfMemoryError("Direct buffer memory")), "a")).isTrue();
        now += TimeUnit.SECONDS.toNanos(1);
        assertThat(failures.check(new OutOfMemoryError("Direct buffer memory"), "b")).isTrue();
        assertThat(logged).hasSize(1).first().asString().contains("serving a (1 such failure(s)");

        now += AllocationFailures.INTERVAL_NANOS;
        failures.check(new OutOfMemoryError("Direct buffer memory"), "c");
        assertThat(logged).hasSize(2).last().asString().contains("serving c (2 such failure(s)");
    }

    @Test
    void otherFailuresAreNotItsBusiness() {
        assertThat(failures.check(new IOException("Connection reset by peer"), "a")).isFalse();
        assertThat(logged).isEmpty();
    }

    @Test
    void aProtocolHandlerReportsOneThatReachesIt() {
        EmbeddedChannel line = new EmbeddedChannel(new LineInitializer(PipelineFuzzing.inMemoryChat(),
                new RegisteredNames(List.of()), new LineSettings("lobby", 256)));
        long before = AllocationFailures.total();

        line.pipeline().fireExceptionCaught(new OutOfMemoryError("Cannot reserve 4194304 bytes of direct buffer memory"));

        assertThat(AllocationFailures.total()).isEqualTo(before + 1);
        assertThat(line.isOpen()).isFalse();
        line.finishAndReleaseAll();
    }
}
