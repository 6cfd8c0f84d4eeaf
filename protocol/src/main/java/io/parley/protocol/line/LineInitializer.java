package io.parley.protocol.line;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.protocol.ChannelMember;

/** Builds a line-protocol connection's pipeline. Thread-safe and shared by a listener's connections. */
public final class LineInitializer extends ChannelInitializer<Channel> {

    public static final String DECODER = "line-decoder";
    public static final String EVENT_ENCODER = "line-event-encoder";
    public static final String HANDLER = "line-handler";

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
        ChannelMember member = new ChannelMember(chat.newMemberId(), channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(DECODER, new LineDecoder(settings.maxLineBytes()));
        pipeline.addLast(EVENT_ENCODER, new LineEventEncoder(member));
        pipeline.addLast(HANDLER, new LineHandler(chat, names, settings, member));
    }
}
