package io.parley.protocol.irc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.parley.protocol.Addresses;
import io.parley.protocol.ChannelMember;
import io.parley.protocol.LineFraming;
import io.parley.protocol.NoticeEncoder;
import io.parley.protocol.PendingOutput;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Builds an IRC connection's pipeline: {@link LineFraming} at IRC's line limit (lines as
 * {@link io.parley.protocol.WireLine}s, which say whether they were UTF-8), then the
 * handler, which parses each line ({@link IrcMessage#parse}); outbound, room events and direct
 * messages become {@link IrcMessage}s with the connection's tags ({@link IrcEventEncoder}) and
 * those CR LF lines ({@link IrcLineEncoder}); another member's message, as bytes shared by the
 * loop, goes to the connection's {@link PendingOutput} instead. Thread-safe and shared by the listeners' connections.
 */
public final class IrcInitializer extends ChannelInitializer<Channel> {

    public static final String FRAMING = "irc-framing";
    public static final String LINE_ENCODER = "irc-line-encoder";
    public static final String EVENT_ENCODER = "irc-event-encoder";
    public static final String NOTICE_ENCODER = "irc-notice-encoder";
    public static final String PING = "irc-ping";
    public static final String HANDLER = "irc-handler";

    private static final NoticeEncoder NOTICES = new NoticeEncoder(IrcSettings.CONNECTION_ERRORS);

    private final IrcServer server;

    IrcInitializer(IrcServer server) {
        this.server = server;
    }

    /** The state its connections share; a reload updates its settings. */
    IrcServer server() {
        return server;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelMember member = new ChannelMember(server.chat.node(), server.chat.newMemberId(), channel);
        IrcSession session = new IrcSession(channel, member, host(channel),
                new IrcCapNegotiation(server.settings.serverName(), server.capabilities));
        IrcEventEncoder events = new IrcEventEncoder(server, session);
        PendingOutput pending = new PendingOutput();
        member.bufferSharedEvents(pending, events);
        ChannelPipeline pipeline = channel.pipeline();
        // First, nearest the socket: every write and flush of the protocol passes it.
        pipeline.addLast(PendingOutput.NAME, pending);
        pipeline.addLast(FRAMING, LineFraming.withWireLengths(IrcLimits.MAX_FRAME_BYTES)); // WireLine: UTF8ONLY
        pipeline.addLast(LINE_ENCODER, IrcLineEncoder.INSTANCE);
        pipeline.addLast(EVENT_ENCODER, events);
        pipeline.addLast(NOTICE_ENCODER, NOTICES);
        pipeline.addLast(PING, new IdleStateHandler(server.settings.pingSeconds(), 0, 0, TimeUnit.SECONDS));
        pipeline.addLast(HANDLER, new IrcHandler(server, session));
    }

    /** The client's address as a source's host: {@code 0::1} for {@code ::1}, so no host starts with a colon. */
    private static String host(Channel channel) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress address) || address.getAddress() == null) {
            return "unknown";
        }
        String host = Addresses.plain(address.getAddress());
        return host.startsWith(":") ? "0" + host : host;
    }
}
