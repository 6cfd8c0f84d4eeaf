package io.parley.protocol;

/**
 * A line as {@link LineFraming#withWireLengths} passes it on: its text and how many bytes it took
 * on the wire (without its line end). They differ when the client sent bytes that are not UTF-8:
 * each becomes a U+FFFD, three bytes in UTF-8, but counts as what the client sent. For a protocol
 * whose limits are in the client's bytes.
 *
 * <p>Immutable; thread-safe.
 *
 * @param text the line, decoded as UTF-8 with invalid bytes replaced by U+FFFD
 * @param wireBytes the bytes the client sent for it, its line end left out
 */
public record WireLine(String text, int wireBytes) {}
