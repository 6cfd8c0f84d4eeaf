package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits a server's output into {@code \n}-terminated lines and hands each to the protocol's
 * {@link #line} in place (no frame copy, no String); events go to a {@link DeliveryListener},
 * nothing goes down the pipeline. Not shareable: one per connection, on its event loop.
 */
abstract class DeliveryDecoder extends ByteToMessageDecoder {

    /** Far longer than any line a bench run provokes; a longer one means the stream is not ours. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    protected final DeliveryListener listener;
    private boolean joined;

    DeliveryDecoder(DeliveryListener listener) {
        this.listener = listener;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int end = in.writerIndex();
        int start = in.readerIndex();
        int eol = in.indexOf(start, end, (byte) '\n');
        if (eol >= 0) {
            // Deliveries are timed from here: as soon as the read is seen to hold a line, before parsing it.
            listener.read(System.nanoTime());
        }
        for (; eol >= 0; eol = in.indexOf(start, end, (byte) '\n')) {
            line(ctx, in, start, eol);
            start = eol + 1;
        }
        in.readerIndex(start);
        if (in.readableBytes() > MAX_LINE_BYTES) {
            String head = Ascii.text(in, start, start + 40);
            in.skipBytes(in.readableBytes());
            throw new TooLongFrameException("a line of over " + MAX_LINE_BYTES + " bytes starting " + head);
        }
    }

    /**
     * ByteToMessageDecoder asks for more input after a read that produced no message when
     * auto-read is off, and this decoder never produces one (events go to the listener): without
     * this override a slow consumer (auto-read off) would go on reading.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        discardSomeReadBytes();
        ctx.fireChannelReadComplete();
    }

    /** One line, without its {@code \n}, in bytes {@code [from, to)} of {@code buf}. */
    protected abstract void line(ChannelHandlerContext ctx, ByteBuf buf, int from, int to);

    /**
     * Reports the join the first time only, for protocols that acknowledge no join: the first
     * room line a connection receives proves it is a member.
     */
    protected final void joinedOnce() {
        if (!joined) {
            joined = true;
            listener.joined(0, 0);
        }
    }
}
