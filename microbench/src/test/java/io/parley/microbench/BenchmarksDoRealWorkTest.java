package io.parley.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A benchmark that quietly measures an error path or delivers nothing reports a fine figure for
 * nothing. These run each benchmark's operation a few times, as JMH would, and check that it does
 * the work its name says. No timing is asserted.
 */
class BenchmarksDoRealWorkTest {

    private static final int OPERATIONS = 200;

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void everyMessageThroughThePipelineComesBackToItsAuthor(WireProtocol protocol) {
        RequestPathBenchmark benchmark = new RequestPathBenchmark();
        benchmark.protocol = protocol;
        benchmark.connect();
        int echo = benchmark.roundTrip();
        for (int i = 0; i < OPERATIONS; i++) {
            assertThat(benchmark.roundTrip()).isEqualTo(echo);
        }
        assertThat(echo).isGreaterThan(WireProtocol.TEXT.length());
        benchmark.checkEveryMessageCameBack();
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void aRenderedAndASharedMessageAreTheSameBytes(WireProtocol protocol) {
        EncodeBenchmark benchmark = new EncodeBenchmark();
        benchmark.protocol = protocol;
        benchmark.connect();
        int rendered = benchmark.firstRecipient();
        for (int i = 0; i < OPERATIONS; i++) {
            assertThat(benchmark.firstRecipient()).isEqualTo(rendered);
            assertThat(benchmark.furtherRecipient()).isEqualTo(rendered);
        }
        assertThat(rendered).isGreaterThan(WireProtocol.TEXT.length());
        benchmark.close();
    }

    @Test
    void everyMemberReceivesEveryPostInOrder() {
        FanOutBenchmark benchmark = new FanOutBenchmark();
        benchmark.members = 10;
        benchmark.loops = 2;
        benchmark.fillRoom();
        for (int i = 0; i < OPERATIONS; i++) {
            benchmark.post();
        }
        benchmark.checkEveryoneReceivedEverything();
    }

    @ParameterizedTest
    @ValueSource(strings = {"b4711", "Ana Mar\u00EDa \u540D\u524D"})
    void everyBenchmarkedNamePasses(String name) {
        NameCheckBenchmark benchmark = new NameCheckBenchmark();
        benchmark.name = name;
        assertThat(benchmark.check()).isEqualTo(1);
    }
}
