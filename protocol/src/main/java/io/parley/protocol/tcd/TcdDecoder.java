package io.parley.protocol.tcd;

import io.parley.protocol.Utf8LineDecoder;

/**
 * Frames a TCD byte stream into lines ({@code \n}, with an optional {@code \r} before it) and
 * hands them to a {@link TcdParser}. A line, or a whole request, over the limit fails with a
 * {@link io.netty.handler.codec.TooLongFrameException} at once, without buffering the rest.
 * Invalid UTF-8 becomes U+FFFD. Not shareable: one per connection.
 */
final class TcdDecoder extends Utf8LineDecoder {

    private final TcdParser parser;

    TcdDecoder(int maxRequestBytes) {
        this(maxRequestBytes, TcdSettings.DEFAULT_MAX_MESSAGE_LINES);
    }

    TcdDecoder(int maxRequestBytes, int maxMessageLines) {
        super(maxRequestBytes);
        this.parser = new TcdParser(maxRequestBytes, maxMessageLines);
    }

    @Override
    protected Object decodeLine(String line, int byteLength) {
        return parser.accept(line, byteLength);
    }
}
