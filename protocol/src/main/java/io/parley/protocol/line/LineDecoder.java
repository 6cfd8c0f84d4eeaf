package io.parley.protocol.line;

import io.parley.protocol.Utf8LineDecoder;

/**
 * Frames the line protocol: one line per message ({@code \n}, an optional {@code \r} before it
 * dropped), decoded as UTF-8 with invalid bytes replaced by U+FFFD. A line over the limit fails
 * with a {@link io.netty.handler.codec.TooLongFrameException} at once; a line cut off by the
 * close is dropped. Not shareable: one per connection.
 */
final class LineDecoder extends Utf8LineDecoder {

    LineDecoder(int maxLineBytes) {
        super(maxLineBytes);
    }

    @Override
    protected Object decodeLine(String line, int byteLength) {
        return line;
    }
}
