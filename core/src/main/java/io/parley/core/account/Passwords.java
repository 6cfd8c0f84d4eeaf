package io.parley.core.account;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

/**
 * What a password is before it is hashed, whichever protocol brought it: strict UTF-8 (invalid
 * bytes are refused, never turned into U+FFFD, which would make every invalid password the same),
 * prepared with the rules of the PRECIS OpaqueString profile (RFC 8265, section 4.2) that change
 * what is hashed: every non-ASCII space becomes U+0020, then Unicode NFC. So the same password
 * typed on two keyboards (a decomposed and a precomposed {@code é}, a no-break space) is one
 * password. Of the profile's other rules, a new password may not hold control characters; the
 * rest (refusing unassigned code points and the like) is left out, as no library for it is on
 * hand and it would not change what is hashed. An ASCII password is unchanged, so hashes stored
 * before this still verify. Thread-safe (stateless).
 */
public final class Passwords {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    /** Why a new password may not be registered; each protocol words it in its own form. */
    public enum Problem {
        /** Fewer than {@link #MIN_LENGTH} or more than {@link #MAX_LENGTH} code points. */
        LENGTH,
        /** It holds a control character. */
        CONTROL
    }

    private Passwords() {}

    /** The password in {@code bytes}, or empty if they are not valid UTF-8. */
    public static Optional<String> decode(byte[] bytes) {
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
    public static String prepare(String password) {
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(c -> mapped.appendCodePoint(
                c > 0x7f && Character.getType(c) == Character.SPACE_SEPARATOR ? ' ' : c));
        return Normalizer.normalize(mapped, Normalizer.Form.NFC);
    }

    /** Why a prepared password may not be registered, or empty if it may. */
    public static Optional<Problem> problemWithNew(String prepared) {
        return problemWithNew(prepared, MIN_LENGTH);
    }

    /** As {@link #problemWithNew(String)}, with {@code minLength} code points at least (a test server's lower minimum). */
    public static Optional<Problem> problemWithNew(String prepared, int minLength) {
        int length = prepared.codePointCount(0, prepared.length());
        if (length < minLength || length > MAX_LENGTH) {
            return Optional.of(Problem.LENGTH);
        }
        if (prepared.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(Problem.CONTROL);
        }
        return Optional.empty();
    }
}
