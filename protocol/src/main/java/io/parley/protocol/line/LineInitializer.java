package io.parley.protocol.line;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.protocol.ChannelMember;
import io.parley.protocol.LineFraming;
import io.parley.protocol.NoticeEncoder;
import io.parley.protocol.PendingOutput;

/** Builds a line-protocol connection's pipeline. Thread-safe and shared by a listener's connections. */
public final class LineInitializer extends ChannelInitializer<Channel> {

    public static final String FRAMING = "line-framing";
    public static final String EVENT_ENCODER = "line-event-encoder";
    public static final String NOTICE_ENCODER = "line-notice-encoder";
    public static final String HANDLER = "line-handler";

    private static final NoticeEncoder NOTICES = new NoticeEncoder(LineSettings.CONNECTION_ERRORS);

    private final ChatService chat;
    private final RegisteredNames names;
    private final LineSettings settings;

    public LineInitializer(ChatService chat, RegisteredNames names, LineSettings settings) {
        this.chat = chat;
        this.names = names;
        this.settings = settings;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelMember member = new ChannelMember(chat.node(), chat.newMemberId(), channel);
        LineEventEncoder events = new LineEventEncoder(member);
        PendingOutput pending = new PendingOutput();
        member.bufferSharedEvents(pending, events);
        ChannelPipeline pipeline = channel.pipeline();
        // First, nearest the socket: every write and flush of the protocol passes it.
        pipeline.addLast(PendingOutput.NAME, pending);
        // A line is the request itself: the handler takes the framing's strings as they are.
        pipeline.addLast(FRAMING, new LineFraming(settings.maxLineBytes()));
        pipeline.addLast(EVENT_ENCODER, events);
        pipeline.addLast(NOTICE_ENCODER, NOTICES);
        pipeline.addLast(HANDLER, new LineHandler(chat, names, settings, member));
    }
}
