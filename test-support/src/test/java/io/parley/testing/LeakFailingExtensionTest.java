package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check must catch a real leak, or every green test run proves nothing. */
class LeakFailingExtensionTest {

    /** Enough collections that the leaked buffer is found on any collector. */
    private static final int ROUNDS_TO_FIND_A_LEAK = 50;

    @Test
    void aBufferDroppedWithoutReleaseFailsTheCheck() {
        leakABuffer();

        // The same check the extension runs after each test; it also forgets the leak it reports,
        // so this test itself ends clean.
        assertThatThrownBy(() -> LeakFailingExtension.assertNoLeaks(ROUNDS_TO_FIND_A_LEAK))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LEAK: ByteBuf")
                .hasMessageContaining("leakABuffer");
    }

    @Test
    void releasedBuffersPass() {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
        buffer.release();

        assertThatCode(LeakFailingExtension::assertNoLeaks).doesNotThrowAnyException();
    }

    /** Allocates a buffer and drops it unreleased; its frame is gone once this returns. */
    private static void leakABuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}
