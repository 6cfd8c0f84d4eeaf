package io.parley.microbench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.protocol.RequestLimits;
import io.parley.protocol.line.LineInitializer;
import io.parley.protocol.line.LineSettings;
import io.parley.protocol.tcd.TcdInitializer;
import io.parley.protocol.tcd.TcdSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A protocol's real server pipeline (the listener's own initializer) on an {@link EmbeddedChannel},
 * with a registered user in a room: what the pipeline benchmarks drive without a socket.
 */
public enum WireProtocol {

    LINE {
        @Override
        ChannelInitializer<?> initializer(ChatService chat) {
            return new LineInitializer(chat, new RegisteredNames(List.of()), new LineSettings(ROOM, 16 * 1024));
        }

        @Override
        ByteBuf register(EmbeddedChannel channel, String name) {
            Connections.exchange(channel, name + "\n");
            return Connections.ascii(TEXT + "\n");
        }
    },

    TCD {
        @Override
        ChannelInitializer<?> initializer(ChatService chat) {
            return new TcdInitializer(chat, new RegisteredNames(List.of()),
                    new TcdSettings("bench", 64 * 1024, false, () -> { }));
        }

        @Override
        ByteBuf register(EmbeddedChannel channel, String name) {
            String joined = Connections.exchange(channel,
                    "JOIN_CHATROOM: " + ROOM + "\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: " + name + "\n");
            Matcher reply = JOINED.matcher(joined);
            if (!reply.find()) {
                throw new IllegalStateException("no JOINED_CHATROOM reply: " + joined);
            }
            return Connections.ascii("CHAT: " + reply.group(1) + "\nJOIN_ID: " + reply.group(2)
                    + "\nCLIENT_NAME: " + name + "\nMESSAGE: " + TEXT + "\n\n");
        }
    };

    static final String ROOM = "bench";
    static final String USER = "alice";
    /** About the bench's 100-byte payload. */
    static final String TEXT = "x".repeat(100);

    private static final Pattern JOINED = Pattern.compile("ROOM_REF: (\\d+)\\nJOIN_ID: (\\d+)\\n");

    abstract ChannelInitializer<?> initializer(ChatService chat);

    /** Registers {@link #USER} in {@link #ROOM}; returns the bytes of one chat request of {@link #TEXT}. */
    ByteBuf register(EmbeddedChannel channel) {
        return register(channel, USER);
    }

    /** Registers {@code name} in {@link #ROOM}; returns the bytes of one chat request of {@link #TEXT}. */
    abstract ByteBuf register(EmbeddedChannel channel, String name);

    /** A connection with the protocol's pipeline, its request limits lifted (a benchmark floods by design). */
    EmbeddedChannel connect(ChatService chat) {
        EmbeddedChannel channel = new EmbeddedChannel(false, true, initializer(chat));
        channel.attr(RequestLimits.KEY).set(new RequestLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 10_000));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException("could not register the embedded channel", e);
        }
        return channel;
    }

    /** Driving an embedded connection: bytes in, pending tasks run, bytes out. */
    static final class Connections {

        private Connections() {}

        static ByteBuf ascii(String text) {
            return Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8).asReadOnly());
        }

        /** Sends {@code request} and returns everything the server wrote back, as text. */
        static String exchange(EmbeddedChannel channel, String request) {
            channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
            channel.runPendingTasks();
            channel.checkException();
            StringBuilder replies = new StringBuilder();
            for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                replies.append(out.toString(StandardCharsets.UTF_8));
                out.release();
            }
            return replies.toString();
        }

        /** Releases everything the server wrote, returning how many bytes it was. */
        static int drain(EmbeddedChannel channel) {
            int bytes = 0;
            for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                bytes += out.readableBytes();
                out.release();
            }
            return bytes;
        }
    }
}
