package io.parley.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Not a test: the smallest line-protocol fan-out server (one thread, a room per port, a flush per
 * read rather than per delivery, nothing stored), to measure what the bench itself can generate
 * and absorb, and what this machine's kernel costs per delivery. Run it pinned to one core and
 * point the bench, pinned to the other, at it (W4 uses ports 27999 to 28098, one room each):
 *
 * <pre>
 * taskset -c 0 java -cp server/target/parley.jar:bench/target/test-classes io.parley.bench.FanOutServer 27999 100
 * taskset -c 1 java -jar server/target/parley.jar bench --protocol line --port 27999 --workload W3
 * </pre>
 *
 * Loopback only; stop it with Ctrl-C. Single-threaded: every handler runs on its one loop.
 */
public final class FanOutServer {

    private static final int MAX_LINE = 64 * 1024;

    private final List<Channel> members = new ArrayList<>();
    private final Set<Channel> unflushed = new LinkedHashSet<>();

    /** Arguments: the first port, then how many rooms (one port each, default 1). */
    public static void main(String[] args) throws InterruptedException {
        int firstPort = Integer.parseInt(args[0]);
        int rooms = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        for (int port = firstPort; port < firstPort + rooms; port++) {
            bind(loop, EpollServerSocketChannel.class, port);
        }
        System.out.println("fan-out server on 127.0.0.1:" + firstPort + " to " + (firstPort + rooms - 1));
    }

    /**
     * Serves one room on {@code 127.0.0.1:port} (0: a free port) with {@code loop}'s transport;
     * returns the listening channel.
     */
    static Channel bind(EventLoopGroup loop, Class<? extends ServerChannel> transport, int port)
            throws InterruptedException {
        FanOutServer room = new FanOutServer();
        return new ServerBootstrap().group(loop).channel(transport)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE, false, false), room.new Member());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    /** One connection: its first line is its name, every later line goes to everyone as {@code name: line}. */
    private final class Member extends ChannelInboundHandlerAdapter {
        private byte[] prefix;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ByteBuf line = (ByteBuf) message;
            try {
                if (prefix == null) {
                    prefix = (line.toString(StandardCharsets.UTF_8).strip() + ": ").getBytes(StandardCharsets.UTF_8);
                    members.add(ctx.channel());
                    return;
                }
                ByteBuf out = ctx.alloc().directBuffer(prefix.length + line.readableBytes());
                out.writeBytes(prefix).writeBytes(line);
                for (Channel member : members) {
                    member.write(out.retainedDuplicate(), member.voidPromise());
                    unflushed.add(member);
                }
                out.release();
            } finally {
                line.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            unflushed.forEach(Channel::flush);
            unflushed.clear();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            members.remove(ctx.channel());
            unflushed.remove(ctx.channel());
        }
    }
}
