package io.parley.protocol.irc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.List;

/**
 * Writes an {@link IrcMessage} as one line ending in CR LF; the message was checked to be one
 * line when it was built. Shareable; per thread it keeps the last line's bytes, so that a line
 * shared by many members is written once.
 */
@ChannelHandler.Sharable
final class IrcLineEncoder extends MessageToMessageEncoder<IrcMessage> {

    static final IrcLineEncoder INSTANCE = new IrcLineEncoder();

    private IrcLineEncoder() {
        super(IrcMessage.class);
    }

    /** The last line this thread wrote, and its bytes: a room message shared by many members ({@link IrcPostedOncePerLoop}). */
    private record Last(IrcMessage message, ByteBuf bytes) {}

    private static final FastThreadLocal<Last> LAST = new FastThreadLocal<>() {
        @Override
        protected void onRemoval(Last value) {
            if (value != null) {
                value.bytes().release();
            }
        }
    };

    /** Writes {@code message}'s line and its CR LF to {@code out}, as this encoder writes it. */
    static void write(IrcMessage message, ByteBuf out) {
        writeLine(message.toLine(), out);
    }

    private static void writeLine(String line, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, line);
        out.writeByte('\r').writeByte('\n');
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, IrcMessage message, List<Object> out) {
        Last last = LAST.get();
        if (last != null && last.message() == message) {
            out.add(last.bytes().retainedDuplicate()); // the same (immutable) message: its bytes again
            return;
        }
        String line = message.toLine();
        ByteBuf bytes = ctx.alloc().buffer(line.length() + 2);
        writeLine(line, bytes);
        LAST.remove();
        LAST.set(new Last(message, bytes.retainedDuplicate()));
        out.add(bytes);
    }
}
