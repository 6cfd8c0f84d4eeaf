package io.parley.protocol.account;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes one frame (a {@code C ...} or {@code D ...} line, without its end) as UTF-8 plus {@code \n}. Shareable. */
@ChannelHandler.Sharable
final class AccountLineEncoder extends MessageToByteEncoder<String> {

    static final AccountLineEncoder INSTANCE = new AccountLineEncoder();

    private AccountLineEncoder() {
        super(String.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, String frame, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, frame);
        out.writeByte('\n');
    }
}
