package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.regex.Pattern;

/**
 * Reads the line protocol's output (reference: {@code docs/protocols/line.md}): every line is
 * {@code name: text}, except server notices, which start with {@code * }. The first room line
 * is the connection's proof of membership (the protocol acknowledges no join). Names never hold
 * a colon here (the bench chooses them), so the text starts after the first {@code ": "}.
 * Presence notices ({@code * m3 joined lobby}, {@code * m3 left lobby}: other members coming and
 * going) are neither deliveries nor refusals and are skipped.
 */
final class LineDeliveryDecoder extends DeliveryDecoder {

    private static final byte[] NOTICE = Ascii.bytes("* ");
    /** Bench names and room names hold no space. */
    private static final Pattern PRESENCE = Pattern.compile("\\* \\S+ (joined|left) \\S+");

    LineDeliveryDecoder(DeliveryListener listener) {
        super(listener);
    }

    @Override
    protected void line(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
        if (Ascii.startsWith(buf, from, to, NOTICE)) {
            String notice = Ascii.text(buf, from, to);
            if (!PRESENCE.matcher(notice).matches()) {
                listener.refused(notice);
            }
            return;
        }
        int colon = buf.indexOf(from, to, (byte) ':');
        if (colon < 0 || colon + 1 >= to || buf.getByte(colon + 1) != ' ') {
            listener.refused("not a line-protocol message: " + Ascii.text(buf, from, to));
            return;
        }
        joinedOnce();
        listener.message(buf, colon + 2, to);
    }
}
