package io.parley.protocol.irc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes an {@link IrcMessage} as one line ending in CR LF; the message was checked to be one
 * line when it was built. Stateless and shareable.
 */
@ChannelHandler.Sharable
final class IrcLineEncoder extends MessageToMessageEncoder<IrcMessage> {

    static final IrcLineEncoder INSTANCE = new IrcLineEncoder();

    private IrcLineEncoder() {
        super(IrcMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, IrcMessage message, List<Object> out) {
        String line = message.toLine();
        ByteBuf bytes = ctx.alloc().buffer(line.length() + 2);
        ByteBufUtil.writeUtf8(bytes, line);
        bytes.writeByte('\r').writeByte('\n');
        out.add(bytes);
    }
}
