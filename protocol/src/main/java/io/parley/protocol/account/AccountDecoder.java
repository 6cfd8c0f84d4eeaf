package io.parley.protocol.account;

import io.parley.protocol.Utf8LineDecoder;

/**
 * Frames the account protocol: one frame per line ({@code \n}, an optional {@code \r} before it
 * dropped), UTF-8 with invalid bytes replaced. A line that is not {@code C <payload>} or
 * {@code D <payload>} becomes a frame of type {@code '?'}, which every state refuses with
 * {@code C ERR 400}. A frame over the limit fails at once with a TooLongFrameException.
 * Not shareable: one per connection.
 */
final class AccountDecoder extends Utf8LineDecoder {

    AccountDecoder(int maxFrameBytes) {
        super(maxFrameBytes);
    }

    @Override
    protected Object decodeLine(String line, int byteLength) {
        return parse(line);
    }

    static AccountFrame parse(String line) {
        if (line.length() >= 2 && (line.charAt(0) == 'C' || line.charAt(0) == 'D') && line.charAt(1) == ' ') {
            return new AccountFrame(line.charAt(0), line.substring(2));
        }
        if (line.equals("C") || line.equals("D")) {
            return new AccountFrame(line.charAt(0), "");
        }
        return new AccountFrame('?', line);
    }
}
