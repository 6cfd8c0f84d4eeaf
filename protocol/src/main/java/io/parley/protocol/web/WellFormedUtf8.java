package io.parley.protocol.web;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Whether bytes are well-formed UTF-8 (Unicode, table 3-7: no overlong forms, no surrogates,
 * nothing past U+10FFFF), in one {@link ByteBuf#forEachByte} pass. {@code ByteBufUtil.isText}
 * answers the same but reads a byte at a time through {@code getByte}; on a leak-tracked buffer
 * (the tests' paranoid leak detection) every call records a stack trace, which made each
 * WebSocket line cost milliseconds and a WebSocket's event loop fall far behind its room.
 *
 * <p>Not thread-safe: a new one per check ({@link #check}).
 */
final class WellFormedUtf8 implements ByteProcessor {

    /** Continuation bytes still expected. */
    private int needed;
    /** The range of the next continuation byte (narrower than 80..BF right after some lead bytes). */
    private int low = 0x80;
    private int high = 0xBF;

    private WellFormedUtf8() {}

    static boolean check(ByteBuf bytes, int index, int length) {
        WellFormedUtf8 state = new WellFormedUtf8();
        return bytes.forEachByte(index, length, state) == -1 && state.needed == 0;
    }

    @Override
    public boolean process(byte value) {
        int b = value & 0xFF;
        if (needed > 0) {
            if (b < low || b > high) {
                return false;
            }
            needed--;
            low = 0x80;
            high = 0xBF;
            return true;
        }
        if (b < 0x80) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b == 0xE0) {
            needed = 2;
            low = 0xA0; // shorter forms are overlong
        } else if (b == 0xED) {
            needed = 2;
            high = 0x9F; // ED A0..BF are the surrogates
        } else if (b >= 0xE1 && b <= 0xEF) {
            needed = 2;
        } else if (b == 0xF0) {
            needed = 3;
            low = 0x90; // shorter forms are overlong
        } else if (b >= 0xF1 && b <= 0xF3) {
            needed = 3;
        } else if (b == 0xF4) {
            needed = 3;
            high = 0x8F; // past U+10FFFF
        } else {
            return false; // a continuation byte without a lead, C0, C1, F5..FF
        }
        return true;
    }
}
