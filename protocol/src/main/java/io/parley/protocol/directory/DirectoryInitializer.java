package io.parley.protocol.directory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.parley.core.directory.RoomDirectory;
import io.parley.protocol.LineFraming;
import io.parley.protocol.NoticeEncoder;

/** Builds a directory connection's pipeline. Thread-safe and shared by a listener's connections. */
public final class DirectoryInitializer extends ChannelInitializer<Channel> {

    public static final String CONNECTION_PRINTER = "directory-connection-printer";
    public static final String FRAMING = "directory-framing";
    public static final String DECODER = "directory-decoder";
    public static final String REPLY_ENCODER = "directory-reply-encoder";
    public static final String NOTICE_ENCODER = "directory-notice-encoder";
    public static final String HANDLER = "directory-handler";

    private static final NoticeEncoder NOTICES = new NoticeEncoder(DirectorySettings.CONNECTION_ERRORS);

    private final RoomDirectory directory;
    private final ConnectionPrinter printer;

    public DirectoryInitializer(RoomDirectory directory, DirectorySettings settings) {
        this.directory = directory;
        this.printer = new ConnectionPrinter(settings.console());
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(CONNECTION_PRINTER, printer);
        pipeline.addLast(FRAMING, new LineFraming(DirectorySettings.MAX_LINE_BYTES));
        pipeline.addLast(DECODER, new DirectoryDecoder());
        pipeline.addLast(REPLY_ENCODER, DirectoryReplyEncoder.INSTANCE);
        pipeline.addLast(NOTICE_ENCODER, NOTICES);
        pipeline.addLast(HANDLER, new DirectoryHandler(directory));
    }
}
