package io.parley.core.account;

import java.time.Instant;

/**
 * One line of a user's chat history: a broadcast it sent or received in {@code lobby}, or a
 * private message it sent or received.
 *
 * @param time when the server accepted the message
 * @param type {@code BM} or {@code PM}
 * @param from the author's name
 * @param to {@code lobby} for a broadcast, the recipient's name for a private message
 * @param encrypted whether {@code text} is ciphertext (private messages only)
 * @param text the text, or the ciphertext
 */
public record HistoryEntry(Instant time, String type, String from, String to, boolean encrypted, String text) {}
