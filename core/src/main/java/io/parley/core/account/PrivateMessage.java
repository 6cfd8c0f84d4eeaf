package io.parley.core.account;

import java.time.Instant;

/**
 * A private message as the server relays and keeps it; the server never sees the clear text of
 * an encrypted one.
 *
 * @param time when the server accepted it
 * @param from the sender's name
 * @param to the recipient's name
 * @param encrypted whether {@code body} is ciphertext
 * @param body the text, or the ciphertext
 */
public record PrivateMessage(Instant time, String from, String to, boolean encrypted, String body) {}
