package io.parley.protocol;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Renders the server's own notices ({@link ServerNotice}: a refusal, a timeout, the goodbye) in
 * one protocol's error form, as UTF-8 lines for the transport. Every protocol's pipeline has one
 * before its request handler, so that a notice written from the handler (the goodbye, in its
 * turn) or from the channel (a guard in front of the protocol) is rendered; the server that
 * writes it knows no protocol and no bytes. Stateless and shareable.
 */
@ChannelHandler.Sharable
public final class NoticeEncoder extends MessageToMessageEncoder<ServerNotice> {

    private final ConnectionErrors errors;

    public NoticeEncoder(ConnectionErrors errors) {
        super(ServerNotice.class);
        this.errors = errors;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ServerNotice notice, List<Object> out) {
        out.add(ByteBufUtil.writeUtf8(ctx.alloc(), errors.text(notice)));
    }
}
