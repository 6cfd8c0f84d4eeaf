package io.parley.protocol.web;

import io.netty.channel.ChannelHandler;

/**
 * What a WebSocket at {@code /socket} carries: a line protocol's pipeline builder (a shareable
 * initializer that adds a {@link io.parley.protocol.LineFraming} first) and its longest line, which
 * is the longest WebSocket message. Immutable.
 */
record WebSocketCarriage(ChannelHandler protocol, int maxLineBytes) {}
