package io.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The byte-stream transport's framing, shared by every text protocol here: turns a TCP (or TLS)
 * byte stream into one {@link String} per line, for the protocol's parser after it (or one
 * {@link WireLine}, the string with its length on the wire and whether it was UTF-8, from
 * {@link #withWireLengths}). A line ends
 * in {@code \n}, an optional {@code \r} before it dropped; it is decoded as UTF-8 with invalid
 * bytes (overlong encodings included) replaced by U+FFFD. An empty line is an empty string. A line
 * over the limit fails with a {@link io.netty.handler.codec.TooLongFrameException} as soon as the
 * limit is passed (a last byte past it waits only if it is a {@code \r}, which may be the start of
 * the line's end), without being buffered, and is then discarded up to its end; the protocol's
 * handler answers that failure in its own form. A line cut off by the close is dropped.
 *
 * <p>The parsers after it know no bytes or sockets, and nothing after it assumes TCP: a WebSocket
 * transport puts its own framing in this place (one text frame, one line; the same exception past
 * the limit) in front of the same parsers, and turns the lines the protocol's encoders write (each
 * ending in {@code \n}) into frames.
 *
 * <p>Not shareable: one per connection; event-loop only.
 */
public final class LineFraming extends ByteToMessageDecoder {

    private final int maxLineBytes;
    /** Whether each line is passed on as a {@link WireLine}, else as its {@link String}. */
    private final boolean wireLengths;
    /** Whether the rest of a line over the limit is being dropped, up to its {@code \n}. */
    private boolean discarding;
    /** How many bytes from the reader index are known to hold no {@code \n}: not searched again. */
    private int searched;

    /** @param maxLineBytes the longest line, in bytes without its end, that passes */
    public LineFraming(int maxLineBytes) {
        this(maxLineBytes, false);
    }

    private LineFraming(int maxLineBytes, boolean wireLengths) {
        this.maxLineBytes = maxLineBytes;
        this.wireLengths = wireLengths;
    }

    /** The longest line that passes: a transport that takes this one's place keeps the same limit. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** Whether lines are passed on as {@link WireLine}s: a transport in this one's place does the same. */
    public boolean wireLengths() {
        return wireLengths;
    }

    /**
     * A framing that passes each line on as a {@link WireLine}, with the bytes it took on the wire,
     * for a parser whose limits count the client's bytes rather than their decoded text's.
     *
     * @param maxLineBytes the longest line, in bytes without its end, that passes
     */
    public static LineFraming withWireLengths(int maxLineBytes) {
        return new LineFraming(maxLineBytes, true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int eol = in.indexOf(in.readerIndex() + searched, in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            waitForTheEnd(ctx, in);
            return;
        }
        searched = 0;
        int start = in.readerIndex();
        in.readerIndex(eol + 1);
        if (discarding) {
            discarding = false;
            return;
        }
        int length = eol - start;
        if (length > 0 && in.getByte(eol - 1) == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            tooLong(ctx, length);
            return;
        }
        out.add(wireLengths ? WireLine.decode(in, start, length) : in.toString(start, length, StandardCharsets.UTF_8));
    }

    /**
     * No line end yet: keeps what there is, unless it is already over the limit. One byte past
     * the limit still fits if it is a {@code \r} whose {@code \n} is in the next read.
     */
    private void waitForTheEnd(ChannelHandlerContext ctx, ByteBuf in) {
        int pending = in.readableBytes();
        if (discarding) {
            in.skipBytes(pending);
            searched = 0;
            return;
        }
        boolean over = pending > maxLineBytes + 1
                || (pending == maxLineBytes + 1 && in.getByte(in.writerIndex() - 1) != '\r');
        if (over) {
            in.skipBytes(pending);
            searched = 0;
            discarding = true;
            tooLong(ctx, pending);
        } else {
            searched = pending;
        }
    }

    /** Tells the protocol's handler, as Netty's line decoder does; decoding goes on after it. */
    private void tooLong(ChannelHandlerContext ctx, int length) {
        ctx.fireExceptionCaught(new TooLongFrameException(
                "frame length (" + length + ") exceeds the allowed maximum (" + maxLineBytes + ")"));
    }
}
