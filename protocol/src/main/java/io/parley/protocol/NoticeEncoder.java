package io.parley.protocol;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Renders the server's own notices ({@link ServerNotice}: a refusal, a timeout, the goodbye; and
 * a {@link RoomRemoval}) in
 * one protocol's error form, as UTF-8 lines for the transport. Every protocol's pipeline has one
 * before its request handler, so that a notice written from the handler (the goodbye, in its
 * turn) or from the channel (a guard in front of the protocol) is rendered; the server that
 * writes it knows no protocol and no bytes. Stateless and shareable.
 */
@ChannelHandler.Sharable
public final class NoticeEncoder extends MessageToMessageEncoder<Object> {

    private final ConnectionErrors errors;

    public NoticeEncoder(ConnectionErrors errors) {
        this.errors = errors;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof ServerNotice || msg instanceof RoomRemoval;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object notice, List<Object> out) {
        String text = notice instanceof RoomRemoval removal ? errors.text(removal) : errors.text((ServerNotice) notice);
        out.add(ByteBufUtil.writeUtf8(ctx.alloc(), text));
    }
}
