package io.parley.protocol.account;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

/**
 * What a password is before it is hashed: strict UTF-8 (invalid bytes are refused, never turned
 * into U+FFFD, which would make every invalid password the same), prepared with the rules of the
 * PRECIS OpaqueString profile (RFC 8265, section 4.2) that change what is hashed: every non-ASCII
 * space becomes U+0020, then Unicode NFC. So the same password typed on two keyboards (a
 * decomposed and a precomposed {@code é}, a no-break space) is one password. Of the profile's
 * other rules, a new password may not hold control characters; the rest (refusing unassigned
 * code points and the like) is left out, as no library for it is on hand and it would not change
 * what is hashed. An ASCII password is unchanged, so hashes stored before this still verify.
 * Thread-safe (stateless).
 */
final class Passwords {

    static final String LENGTH_RULE = "C ERR 400 password must be 8-256 characters";
    static final String NOT_UTF8 = "C ERR 400 the password is not valid UTF-8";
    static final String CONTROL = "C ERR 400 the password must not contain control characters";
    private static final int MIN_LENGTH = 8;
    private static final int MAX_LENGTH = 256;

    private Passwords() {}

    /** The password in {@code bytes}, or empty if they are not valid UTF-8. */
    static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** {@code password} as it is hashed: non-ASCII spaces mapped to U+0020, then NFC. */
    static String prepare(String password) {
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(c -> mapped.appendCodePoint(
                c > 0x7f && Character.getType(c) == Character.SPACE_SEPARATOR ? ' ' : c));
        return Normalizer.normalize(mapped, Normalizer.Form.NFC);
    }

    /** Why a prepared password may not be registered (the error frame), or empty if it may. */
    static Optional<String> problemWithNew(String prepared) {
        int length = prepared.codePointCount(0, prepared.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of(LENGTH_RULE);
        }
        if (prepared.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(CONTROL);
        }
        return Optional.empty();
    }
}
