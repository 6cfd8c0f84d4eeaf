package io.parley.protocol.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.parley.core.account.AccountRecord;
import io.parley.core.account.AccountStore;
import io.parley.core.account.Accounts;
import io.parley.core.account.InMemoryAccountStore;
import io.parley.core.account.InMemoryHistoryStore;
import io.parley.core.account.LoginThrottle;
import io.parley.core.account.Presence;
import io.parley.core.account.PrivateMessageQuota;
import io.parley.core.account.PrivateMessages;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.InMemoryEventLog;
import io.parley.crypto.RsaKeys;
import io.parley.protocol.CryptoLanes;
import io.parley.protocol.PasswordHasher;
import io.parley.protocol.PipelineFuzzing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An account session's state changes on its event loop even when the store and the crypto answer
 * on threads of their own, as they do in the server (the in-memory test server answers on the
 * caller's thread, which cannot show it). A change made elsewhere fails the request
 * ({@code C ERR 500}).
 */
class SessionThreadsTest {

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor();
    private final ExecutorService cryptoThread = Executors.newSingleThreadExecutor();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        storeThread.shutdownNow();
        cryptoThread.shutdownNow();
    }

    /** Accounts in memory, each answer given on the store thread. */
    private AccountStore storeOnItsThread() {
        InMemoryAccountStore accounts = new InMemoryAccountStore();
        return new AccountStore() {
            @Override
            public List<String> loadNames() {
                return accounts.loadNames();
            }

            @Override
            public CompletionStage<Optional<AccountRecord>> find(String name) {
                return later(() -> accounts.find(name));
            }

            @Override
            public CompletionStage<Void> create(AccountRecord account) {
                return later(() -> accounts.create(account));
            }

            @Override
            public CompletionStage<Void> setPublicKey(String name, String publicKey) {
                return later(() -> accounts.setPublicKey(name, publicKey));
            }

            private <T> CompletionStage<T> later(Supplier<CompletionStage<T>> answer) {
                return CompletableFuture.supplyAsync(() -> null, storeThread).thenCompose(ignored -> answer.get());
            }
        };
    }

    private Channel connect() throws Exception {
        InMemoryEventLog log = new InMemoryEventLog();
        InMemoryHistoryStore history = new InMemoryHistoryStore(log);
        RegisteredNames names = new RegisteredNames(List.of());
        Presence presence = new Presence(names);
        AccountServices services = new AccountServices(PipelineFuzzing.inMemoryChat(),
                new Accounts(storeOnItsThread(), names, new PasswordHasher(8, 1, cryptoThread),
                        new LoginThrottle(10, 50, Duration.ofMinutes(5), Clock.systemUTC())),
                presence, new PrivateMessages(history, presence,
                        new PrivateMessageQuota(1000, Duration.ofDays(1), Clock.systemUTC()), Clock.systemUTC()),
                history, AccountTestServer.SERVER_KEYS, new CryptoLanes(cryptoThread, 1, 4, 16), 4096);
        LocalAddress address = new LocalAddress(SessionThreadsTest.class);
        new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(new AccountInitializer(services)).bind(address).sync();
        return new Bootstrap().group(loops).channel(LocalChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new LineBasedFrameDecoder(8192), new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                                replies.add(line.toString(StandardCharsets.UTF_8));
                            }
                        });
                    }
                }).connect(address).sync().channel();
    }

    private String exchange(Channel client, String frame) throws Exception {
        client.writeAndFlush(Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8)).sync();
        String reply = replies.poll(10, TimeUnit.SECONDS);
        assertThat(reply).as("a reply to %s within 10 s", frame.strip()).isNotNull();
        return reply;
    }

    @Test
    void registeringLoggingInAndRegisteringAKeyChangeTheSessionOnItsLoop() throws Exception {
        Channel client = connect();

        assertThat(exchange(client, "C USER alice\n")).startsWith("C NEW ");
        assertThat(exchange(client, AccountTestServer.pass(AccountTestServer.PASSWORD))).isEqualTo("C OK welcome alice");
        String key = RsaKeys.toLine(AccountTestServer.SERVER_KEYS.getPublic());
        assertThat(exchange(client, "C PUBKEY " + key + "\n")).isEqualTo("C OK key registered");
        client.close().sync();
    }
}
