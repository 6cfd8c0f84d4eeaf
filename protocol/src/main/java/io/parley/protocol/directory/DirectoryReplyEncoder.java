package io.parley.protocol.directory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a {@link DirectoryReply} as UTF-8. Stateless and shareable. */
@ChannelHandler.Sharable
final class DirectoryReplyEncoder extends MessageToByteEncoder<DirectoryReply> {

    static final DirectoryReplyEncoder INSTANCE = new DirectoryReplyEncoder();

    private DirectoryReplyEncoder() {
        super(DirectoryReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, DirectoryReply reply, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, reply.wire());
    }
}
