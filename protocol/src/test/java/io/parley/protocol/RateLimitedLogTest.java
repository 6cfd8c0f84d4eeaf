package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class RateLimitedLogTest {

    private Instant now = Instant.parse("2026-12-03T00:00:00Z");
    private final List<String> written = new ArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                if (method.getName().equals("warn")) {
                    written.add(Arrays.deepToString(args));
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });
    private final RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(10), new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aFloodBecomesOneLinePerIntervalThatCountsWhatWasLeftOut() {
        for (int i = 0; i < 1000; i++) {
            log.warn("wrong password");
        }
        now = now.plusSeconds(10);
        log.warn("wrong password");

        assertThat(written).containsExactly("[wrong password]",
                "[{} ({} similar left out in the last {} s), [wrong password, 999, 10]]");
    }
}
