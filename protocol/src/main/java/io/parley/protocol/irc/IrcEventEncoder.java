package io.parley.protocol.irc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.RoomEvent;
import io.parley.core.text.Text;
import io.parley.protocol.SharedEventBytes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders what reaches an IRC connection unasked, with the tags its capabilities ask for: room
 * events (a message as {@code PRIVMSG #room} from its author, joins and leaves as {@code JOIN},
 * {@code PART}, {@code KICK} for a member an operator removed or, for a member whose session
 * ended, one {@code QUIT}) and {@link IrcDirect}
 * messages. The connection's own messages come back only with {@code echo-message}. A text line
 * too long for one IRC line is split ({@link IrcLimits#split}); a stored {@code /me } line is a
 * CTCP ACTION. Another member's message reaches the connection's pending output as the bytes its
 * loop wrote once for every member with the same form ({@link #of}). Event-loop only; one per
 * connection.
 */
final class IrcEventEncoder extends MessageToMessageEncoder<Object> implements SharedEventBytes {

    static final DateTimeFormatter SERVER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final String ACTION_PREFIX = "/me ";
    /** The most QUITs remembered, so one quit in several shared channels shows once. */
    private static final int QUITS_REMEMBERED = 256;

    private final IrcServer server;
    private final IrcSession self;
    private final Set<Long> quitsShown = new LinkedHashSet<>();
    /** This member's {@link #form} and the capability changes it was worked out at (none yet). */
    private int form;
    private int capsSeen = -1;

    IrcEventEncoder(IrcServer server, IrcSession self) {
        this.server = server;
        this.self = self;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof RoomEvent || msg instanceof IrcDirect;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof IrcDirect direct) {
            out.add(tagged(direct.message(), direct.time(), null));
        } else if (msg instanceof RoomEvent.Posted posted) {
            posted(posted, out);
        } else if (msg instanceof RoomEvent.Joined joined) {
            boolean extended = self.has(IrcCapabilities.EXTENDED_JOIN);
            if (joined.member().is(self.member()) && self.labels.holding()) {
                self.labels.capture(join(joined, extended, Instant.now())); // the reply to a labeled JOIN
            } else {
                // The same line for every member of this loop that asked for the same form.
                var form = new IrcPostedOncePerLoop.JoinForm(extended, self.has(IrcCapabilities.SERVER_TIME),
                        self.has(IrcCapabilities.ACCOUNT_TAG), self.has(IrcCapabilities.MESSAGE_TAGS));
                out.add(IrcPostedOncePerLoop.line(joined, form, () -> join(joined, extended, Instant.now())));
            }
            if (!joined.member().is(self.member()) && self.has(IrcCapabilities.AWAY_NOTIFY)) {
                // away-notify: a joiner who is away is announced as such right after its JOIN.
                String source = server.sourceOf(joined.member());
                server.session(joined.member()).map(IrcSession::away)
                        .ifPresent(away -> out.add(tagged(IrcMessage.from(source, "AWAY", away), Instant.now(), null)));
            }
            server.session(joined.member()).ifPresent(joiner -> IrcMetadata.ofJoiner(server, self, joiner)
                    .forEach(line -> out.add(tagged(line, Instant.now(), null))));
        } else if (msg instanceof RoomEvent.Left left) {
            left(left, out);
        }
        if (out.isEmpty()) {
            out.add(io.netty.buffer.Unpooled.EMPTY_BUFFER); // an encoder must pass something on
        }
    }

    /** The {@code JOIN} line of {@code joined}, with this member's tags. */
    private IrcMessage join(RoomEvent.Joined joined, boolean extended, Instant time) {
        String channel = IrcChannels.toChannel(joined.room().name());
        String source = server.sourceOf(joined.member());
        IrcMessage join = extended
                ? IrcMessage.from(source, "JOIN", channel, accountOrStar(joined), realName(joined))
                : IrcMessage.from(source, "JOIN", channel);
        return tagged(join, time, null);
    }

    /** extended-join's account: the joiner's account, or {@code *} when it is not logged in. */
    private String accountOrStar(RoomEvent.Joined joined) {
        String account = server.accountOf(joined.member());
        return account == null ? "*" : account;
    }

    private String realName(RoomEvent.Joined joined) {
        String real = server.session(joined.member()).map(IrcSession::realName).orElse(joined.name());
        return real.isEmpty() ? joined.name() : Text.clean(real, false);
    }

    private void left(RoomEvent.Left left, List<Object> out) {
        Optional<IrcServer.Kick> kick = server.kickOf(left.member(), left.room().ref());
        if (kick.isPresent()) {
            out.add(tagged(IrcMessage.from(kick.get().source(), "KICK", IrcChannels.toChannel(left.room().name()),
                    kick.get().nick(), kick.get().reason()), Instant.now(), null));
            return;
        }
        boolean own = left.member().is(self.member());
        if (own && server.quitOf(left.member().id()).isPresent()) {
            return; // a QUIT leaves its channels before its ERROR: the quitter gets no line of them
        }
        var quit = own ? Optional.<IrcServer.Quit>empty() : server.quitOf(left.member().id());
        if (quit.isPresent()) {
            if (quitsShown.add(left.member().id())) {
                if (quitsShown.size() > QUITS_REMEMBERED) {
                    quitsShown.remove(quitsShown.iterator().next());
                }
                out.add(tagged(IrcMessage.from(quit.get().source(), "QUIT", quit.get().reason()), Instant.now(), null));
            }
            return;
        }
        String source = own ? self.source() : server.sourceOf(left.member());
        String channel = IrcChannels.toChannel(left.room().name());
        Optional<String> reason = server.session(left.member()).isPresent()
                ? server.partReason(left.member().id(), left.room().ref()) : Optional.empty();
        IrcMessage part = reason.isPresent() ? IrcMessage.from(source, "PART", channel, reason.get())
                : IrcMessage.from(source, "PART", channel);
        out.add(tagged(part, Instant.now(), null));
    }

    private void posted(RoomEvent.Posted posted, List<Object> out) {
        IrcPostedOncePerLoop.Author author = author(posted);
        if (!own(author)) {
            out.addAll(IrcPostedOncePerLoop.lines(posted, form(), () -> shared(posted, author)));
            return;
        }
        if (!self.has(IrcCapabilities.ECHO_MESSAGE)) {
            return;
        }
        ChatMessage message = posted.chat();
        IrcClientTags.Relay relay = server.clientTags.of(posted.room().ref(), message.author(), message.text());
        Map<String, String> extra = relay.tags();
        String label = self.labels.takeForEcho();
        if (label != null) {
            extra = new LinkedHashMap<>(extra);
            extra.put(IrcLabels.TAG, label);
        }
        out.addAll(render(posted, self.source(), relay, extra)); // may carry its label
    }

    /**
     * Another member's message, as the bytes of the lines every member of this loop with the same
     * form gets; null for anything else (the connection's own echo may carry its label, joins and
     * leaves depend on the member), which is written through the pipeline.
     */
    @Override
    public ByteBuf of(RoomEvent event, ByteBufAllocator alloc) {
        if (!(event instanceof RoomEvent.Posted posted)) {
            return null;
        }
        IrcPostedOncePerLoop.Author author = author(posted);
        if (own(author)) {
            return null;
        }
        int form = form();
        ByteBuf made = IrcPostedOncePerLoop.madeBytes(posted, form);
        return made != null ? made : IrcPostedOncePerLoop.bytes(posted, form, () -> shared(posted, author), alloc);
    }

    /** {@code posted}'s author as every member of this loop gets it: worked out by the first. */
    private IrcPostedOncePerLoop.Author author(RoomEvent.Posted posted) {
        IrcPostedOncePerLoop.Author author = IrcPostedOncePerLoop.author(posted);
        if (author == null) {
            String name = posted.chat().author();
            author = IrcPostedOncePerLoop.keep(posted, new IrcPostedOncePerLoop.Author(
                    io.parley.core.text.NameKeys.key(name), server.sourceOfAuthor(name), relay(posted)));
        }
        return author;
    }

    private boolean own(IrcPostedOncePerLoop.Author author) {
        String key = self.nameKey();
        return key != null && author.key().equals(key);
    }

    /**
     * What another member's message depends on besides the event and its author, for this member:
     * its capabilities, worked out again only when they change.
     */
    private int form() {
        int changes = self.caps.changes();
        if (changes != capsSeen) {
            form = IrcPostedOncePerLoop.form(self.has(IrcCapabilities.SERVER_TIME),
                    self.has(IrcCapabilities.MESSAGE_TAGS), self.has(IrcCapabilities.ACCOUNT_TAG), multilineBatches());
            capsSeen = changes;
        }
        return form;
    }

    /** The lines of another member's message in this member's form ({@link #form}). */
    private List<IrcMessage> shared(RoomEvent.Posted posted, IrcPostedOncePerLoop.Author author) {
        return render(posted, author.source(), author.relay(), author.relay().tags());
    }

    private IrcClientTags.Relay relay(RoomEvent.Posted posted) {
        ChatMessage message = posted.chat();
        return server.clientTags.of(posted.room().ref(), message.author(), message.text());
    }

    private List<IrcMessage> render(RoomEvent.Posted posted, String source, IrcClientTags.Relay relay,
            Map<String, String> extra) {
        ChatMessage message = posted.chat();
        String channel = IrcChannels.toChannel(posted.room().name());
        String msgid = IrcMsgIds.room(posted.room().ref(), posted.sequence());
        if (relay.layout() != null) { // a draft/multiline batch: its msgid on its first line only
            List<IrcMessage> batch = IrcMultiline.render(source, channel, relay.layout(), msgid, multilineBatches(),
                    extra, relay.tags());
            List<IrcMessage> lines = new java.util.ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                lines.add(tagged(batch.get(i), message.time(), i == 0 ? msgid : null));
            }
            return lines;
        }
        List<IrcMessage> rendered = IrcRoomMessages.render(source, relay.notice() ? "NOTICE" : "PRIVMSG", channel, message);
        List<IrcMessage> lines = new java.util.ArrayList<>(rendered.size());
        for (int i = 0; i < rendered.size(); i++) {
            IrcMessage line = rendered.get(i);
            lines.add(tagged(extra.isEmpty() ? line : line.withTags(extra), message.time(), IrcMsgIds.line(msgid, i)));
        }
        return lines;
    }

    /** Whether this client gets a multiline message as its batch (else as lines). */
    private boolean multilineBatches() {
        return self.has(IrcMultiline.CAPABILITY) && self.has(IrcCapabilities.BATCH);
    }

    /**
     * {@code message} with {@code time} (server-time) and {@code msgid} (message-tags) as enabled,
     * and the tags it carries: client-only tags and {@code msgid} only for a client with
     * message-tags; {@code label} and {@code batch} are set only for clients that asked for them;
     * {@code bot} ({@link IrcBotMode}) for clients with message-tags.
     */
    private IrcMessage tagged(IrcMessage message, Instant time, String msgid) {
        boolean messageTags = self.has(IrcCapabilities.MESSAGE_TAGS);
        Map<String, String> tags = new LinkedHashMap<>();
        if (self.has(IrcCapabilities.SERVER_TIME)) {
            tags.put("time", SERVER_TIME.format(time));
        }
        if (msgid != null && messageTags) {
            tags.put("msgid", msgid);
        }
        message.tags().forEach((key, value) -> {
            if (messageTags || !(key.startsWith("+") || key.equals("msgid"))) {
                tags.put(key, value);
            }
        });
        if (self.has(IrcCapabilities.ACCOUNT_TAG)) {
            String account = IrcAccountTags.of(server, message);
            if (account != null) {
                tags.put("account", account);
            }
        }
        if (messageTags && IrcBotMode.fromBot(server, message)) {
            tags.put(IrcBotMode.TAG, "");
        }
        return tags.equals(message.tags()) ? message : message.withTags(tags);
    }
}
