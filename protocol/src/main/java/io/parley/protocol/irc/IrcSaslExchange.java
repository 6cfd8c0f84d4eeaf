package io.parley.protocol.irc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One connection's {@code AUTHENTICATE} exchange (IRCv3 SASL 3.1/3.2, mechanism {@code PLAIN},
 * RFC 4616), without the password check, which the adapter makes against the accounts:
 *
 * <pre>
 * C: AUTHENTICATE PLAIN          S: AUTHENTICATE +
 * C: AUTHENTICATE <base64 of "authzid NUL authcid NUL password">, in chunks of 400 bytes: a
 *    chunk of exactly 400 means more follows, and "+" is an empty last chunk
 *                                -> {@link Credentials}: the adapter answers 900 + 903, or 904
 * C: AUTHENTICATE *              -> {@link Failure#ABORTED}: 906
 * </pre>
 *
 * A mechanism other than PLAIN is {@link Failure#UNKNOWN_MECHANISM} ({@code 908} listing
 * {@link #MECHANISMS}, then {@code 904}); a chunk over 400 bytes is {@link Failure#TOO_LONG}
 * ({@code 905}), a payload over {@link #MAX_PAYLOAD_BYTES} {@link Failure#TOO_MUCH}
 * ({@code 904}); anything that is not
 * base64 of three UTF-8 parts, or an authzid other than empty or the authcid, is
 * {@link Failure#MALFORMED} ({@code 904}). Every outcome but {@link Continue}/{@link AwaitMore}
 * ends the exchange; the next {@code AUTHENTICATE} starts a new one.
 *
 * <p>Not thread-safe: one per connection, used on its event loop.
 */
public final class IrcSaslExchange {

    public static final String MECHANISMS = "PLAIN";
    /** The size of a chunk after which more follows. */
    public static final int CHUNK_BYTES = 400;
    /** The most base64 a whole payload may have: a 64-character name and a 256-character password fit many times. */
    public static final int MAX_PAYLOAD_BYTES = 4096;

    /** Why an exchange ended without credentials. */
    public enum Failure {
        /** {@code 908} with {@link #MECHANISMS}, then {@code 904}. */
        UNKNOWN_MECHANISM,
        /** One chunk over {@link #CHUNK_BYTES}: {@code 905}. */
        TOO_LONG,
        /** The chunks together over {@link #MAX_PAYLOAD_BYTES}: {@code 904}, as irctest's testPlainInfiniteMessages expects. */
        TOO_MUCH,
        /** {@code AUTHENTICATE *}: {@code 906}. */
        ABORTED,
        /** Not base64 of three UTF-8 parts, or a foreign authzid: {@code 904}. */
        MALFORMED
    }

    /** What the adapter does after one {@code AUTHENTICATE}. */
    public sealed interface Step permits Continue, AwaitMore, Credentials, Failed {}

    /** Send {@code AUTHENTICATE +}: the mechanism is accepted, the client may send its payload. */
    public record Continue() implements Step {}

    /** Send nothing: a full chunk came, the rest follows. */
    public record AwaitMore() implements Step {}

    /** The payload, decoded: check {@code password} for the account {@code authcid}. */
    public record Credentials(String authcid, String password) implements Step {
        @Override
        public String toString() {
            return "Credentials[authcid=" + authcid + "]"; // never the password
        }
    }

    /** The exchange ended; the adapter sends the numerics of {@code failure}. */
    public record Failed(Failure failure) implements Step {}

    private boolean started;
    private final StringBuilder payload = new StringBuilder();

    /** Whether an exchange is under way (a mechanism was accepted and the payload is not complete). */
    public boolean inProgress() {
        return started;
    }

    /** Takes the parameter of one {@code AUTHENTICATE} command. */
    public Step authenticate(String parameter) {
        if (parameter.equals("*")) {
            return end(new Failed(Failure.ABORTED));
        }
        if (!started) {
            if (!parameter.toUpperCase(Locale.ROOT).equals(MECHANISMS)) {
                return end(new Failed(Failure.UNKNOWN_MECHANISM));
            }
            started = true;
            return new Continue();
        }
        if (parameter.length() > CHUNK_BYTES) {
            return end(new Failed(Failure.TOO_LONG));
        }
        if (!parameter.equals("+")) {
            payload.append(parameter);
        }
        if (payload.length() > MAX_PAYLOAD_BYTES) {
            return end(new Failed(Failure.TOO_MUCH));
        }
        if (parameter.length() == CHUNK_BYTES) {
            return new AwaitMore();
        }
        String complete = payload.toString();
        return end(decode(complete));
    }

    private Step end(Step step) {
        started = false;
        payload.setLength(0);
        return step;
    }

    private static Step decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new Failed(Failure.MALFORMED);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Failed(Failure.MALFORMED);
        }
        String[] parts = text.split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()
                || !(parts[0].isEmpty() || parts[0].equals(parts[1]))) {
            return new Failed(Failure.MALFORMED);
        }
        return new Credentials(parts[1], parts[2]);
    }
}
