package io.parley.protocol.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link WellFormedUtf8} agrees with the JDK's strict UTF-8 decoder. */
class WellFormedUtf8Test {

    /** Around every boundary of table 3-7. */
    private static final int[] EDGES = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
        0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};

    @Test
    void everyOneAndTwoByteSequence() {
        for (int a = 0; a < 256; a++) {
            agrees(a);
            for (int b = 0; b < 256; b++) {
                agrees(a, b);
            }
        }
    }

    @Test
    void threeAndFourByteSequencesAtTheEdges() {
        for (int a : EDGES) {
            for (int b : EDGES) {
                for (int c : EDGES) {
                    agrees(a, b, c);
                    for (int d : EDGES) {
                        agrees(a, b, c, d);
                    }
                }
            }
        }
    }

    @Test
    void onlyTheGivenRangeIsRead() {
        ByteBuf bytes = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, 'o', 'k', (byte) 0xC3});
        assertThat(WellFormedUtf8.check(bytes, 1, 2)).isTrue();
        assertThat(WellFormedUtf8.check(bytes, 1, 3)).as("cut short").isFalse();
        assertThat(WellFormedUtf8.check(bytes, 0, 3)).isFalse();
        assertThat(WellFormedUtf8.check(bytes, 1, 0)).isTrue();
    }

    private static void agrees(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        assertThat(WellFormedUtf8.check(Unpooled.wrappedBuffer(bytes), 0, bytes.length))
                .as("%s", java.util.HexFormat.ofDelimiter(" ").formatHex(bytes))
                .isEqualTo(jdkAccepts(bytes));
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
