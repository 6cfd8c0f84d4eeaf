package io.parley.protocol.account;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.parley.crypto.RsaKeys;
import io.parley.protocol.ChannelMember;
import io.parley.protocol.LineFraming;
import io.parley.protocol.NoticeEncoder;

/** Builds an account connection's pipeline. Thread-safe and shared by a listener's connections. */
public final class AccountInitializer extends ChannelInitializer<Channel> {

    public static final String FRAMING = "account-framing";
    public static final String DECODER = "account-decoder";
    public static final String LINE_ENCODER = "account-line-encoder";
    public static final String EVENT_ENCODER = "account-event-encoder";
    public static final String NOTICE_ENCODER = "account-notice-encoder";
    public static final String HANDLER = "account-handler";

    private static final NoticeEncoder NOTICES = new NoticeEncoder(AccountServices.CONNECTION_ERRORS);

    private final AccountServices services;
    /** The server's public key as USER offers it: the same for every connection. */
    private final String serverKeyLine;

    public AccountInitializer(AccountServices services) {
        this.services = services;
        this.serverKeyLine = RsaKeys.toLine(services.serverKeys().getPublic());
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelMember member = new ChannelMember(services.chat().node(), services.chat().newMemberId(), channel);
        AccountSession session = new AccountSession(services, member, channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(FRAMING, new LineFraming(services.maxFrameBytes()));
        pipeline.addLast(DECODER, new AccountDecoder());
        pipeline.addLast(LINE_ENCODER, AccountLineEncoder.INSTANCE);
        pipeline.addLast(EVENT_ENCODER, new AccountEventEncoder(session));
        pipeline.addLast(NOTICE_ENCODER, NOTICES);
        pipeline.addLast(HANDLER, new AccountHandler(session, serverKeyLine));
    }
}
