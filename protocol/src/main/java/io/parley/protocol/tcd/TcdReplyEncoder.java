package io.parley.protocol.tcd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a {@link TcdReply} as UTF-8. Stateless and shareable. */
@ChannelHandler.Sharable
final class TcdReplyEncoder extends MessageToByteEncoder<TcdReply> {

    static final TcdReplyEncoder INSTANCE = new TcdReplyEncoder();

    private TcdReplyEncoder() {
        super(TcdReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, TcdReply reply, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, reply.wire());
    }
}
