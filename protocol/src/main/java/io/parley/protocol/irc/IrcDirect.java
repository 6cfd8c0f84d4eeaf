package io.parley.protocol.irc;

import java.time.Instant;

/**
 * A message one connection sends another directly, not through a room (a PRIVMSG to a nick, a
 * NICK or AWAY change, a QUIT): the recipient's {@link IrcEventEncoder} adds the tags its
 * capabilities ask for. Immutable.
 *
 * @param message the message, without tags
 * @param time when it happened ({@code server-time})
 */
record IrcDirect(IrcMessage message, Instant time) {}
