package io.parley.protocol.tcd;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.protocol.Addresses;
import io.parley.protocol.ChannelMember;
import io.parley.protocol.LineFraming;
import io.parley.protocol.NoticeEncoder;
import io.parley.protocol.PendingOutput;
import java.net.InetSocketAddress;

/** Builds a TCD connection's pipeline. Thread-safe and shared by every connection of a listener. */
public final class TcdInitializer extends ChannelInitializer<Channel> {

    public static final String FRAMING = "tcd-framing";
    public static final String DECODER = "tcd-decoder";
    public static final String REPLY_ENCODER = "tcd-reply-encoder";
    public static final String EVENT_ENCODER = "tcd-event-encoder";
    public static final String NOTICE_ENCODER = "tcd-notice-encoder";
    public static final String HANDLER = "tcd-handler";

    private static final NoticeEncoder NOTICES = new NoticeEncoder(TcdSettings.CONNECTION_ERRORS);

    private final ChatService chat;
    private final RegisteredNames names;
    private final TcdSettings settings;

    public TcdInitializer(ChatService chat, RegisteredNames names, TcdSettings settings) {
        this.chat = chat;
        this.names = names;
        this.settings = settings;
    }

    @Override
    protected void initChannel(Channel channel) {
        // A TCP channel has an IP address; anything else (an in-memory channel) reports none.
        InetSocketAddress local = channel.localAddress() instanceof InetSocketAddress inet ? inet
                : new InetSocketAddress(0);
        TcdSession session = new TcdSession(new ChannelMember(chat.node(), chat.newMemberId(), channel),
                Addresses.plain(local.getAddress()), local.getPort());
        TcdRoomEventEncoder events = new TcdRoomEventEncoder(session);
        PendingOutput pending = new PendingOutput();
        session.member.bufferSharedEvents(pending, events);
        ChannelPipeline pipeline = channel.pipeline();
        // First, nearest the socket: every write and flush of the protocol passes it.
        pipeline.addLast(PendingOutput.NAME, pending);
        // A single line may be as long as a whole request; the parser holds the request to that too.
        // With each line's wire length: the request limit counts the bytes the client sent.
        pipeline.addLast(FRAMING, LineFraming.withWireLengths(settings.maxRequestBytes()));
        pipeline.addLast(DECODER, new TcdDecoder(settings.maxRequestBytes(), settings.maxMessageLines()));
        pipeline.addLast(REPLY_ENCODER, TcdReplyEncoder.INSTANCE);
        pipeline.addLast(EVENT_ENCODER, events);
        pipeline.addLast(NOTICE_ENCODER, NOTICES);
        pipeline.addLast(HANDLER, new TcdHandler(chat, names, settings, session));
    }
}
