package io.parley.protocol.directory;

import io.parley.protocol.Utf8LineDecoder;

/**
 * Frames the directory protocol: one command per line ({@code \n}, an optional {@code \r} before
 * it dropped), decoded as UTF-8 with invalid bytes replaced by U+FFFD and split into a
 * {@link DirectoryRequest.Command}. Blank lines produce nothing. A line over
 * {@link DirectorySettings#MAX_LINE_BYTES} fails with a
 * {@link io.netty.handler.codec.TooLongFrameException} as soon as the limit is passed, and is
 * then discarded up to its end. Not shareable: one per connection.
 */
final class DirectoryDecoder extends Utf8LineDecoder {

    DirectoryDecoder() {
        super(DirectorySettings.MAX_LINE_BYTES);
    }

    @Override
    protected Object decodeLine(String line, int byteLength) {
        return DirectoryRequest.Command.parse(line);
    }
}
