package io.parley.protocol.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.Accounts;
import io.parley.core.account.HistoryStore;
import io.parley.core.account.InMemoryAccountStore;
import io.parley.core.account.InMemoryHistoryStore;
import io.parley.core.account.LoginThrottle;
import io.parley.core.account.Presence;
import io.parley.core.account.PrivateMessageQuota;
import io.parley.core.account.PrivateMessages;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.core.room.InMemoryEventLog;
import io.parley.core.room.InMemoryRoomStore;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.RoomRegistry;
import io.parley.crypto.Pg3Cipher;
import io.parley.crypto.RsaKeys;
import io.parley.protocol.CryptoLanes;
import io.parley.protocol.PasswordHasher;
import io.parley.protocol.PipelineFuzzing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * An account server in memory, its connections on {@link EmbeddedChannel}s: every store and
 * crypto step completes on the test's thread, so an exchange is over once the channel's pending
 * tasks have run.
 *
 * <p>Not one of the ways tests start a server (the server module's {@code ParleyExtension} is the
 * one): there is no socket, bootstrap or data directory here, only the account pipeline over the
 * in-memory core, which is what a protocol-module test should drive. So it stays in this module.
 * Not thread-safe: the test's thread runs everything.
 */
final class AccountTestServer {

    static final int MAX_FRAME = 2048;
    static final String PASSWORD = "correct horse battery";
    static final int PM_QUOTA_BYTES = 16 * 1024;
    static final KeyPair SERVER_KEYS = keys();
    /** The cheapest Argon2id cost, on the caller's thread: the tests exercise the protocol, not the hash. */
    static final PasswordHasher HASHER = new PasswordHasher(8, 1, Runnable::run);

    final AccountServices services;

    AccountTestServer() {
        this(InMemoryHistoryStore::new);
    }

    AccountTestServer(Function<InMemoryEventLog, HistoryStore> history) {
        InMemoryEventLog log = new InMemoryEventLog();
        ChatService chat = new ChatService(new RoomRegistry(new InMemoryRoomStore()), log, new LocalRoomBus(),
                Clock.systemUTC());
        Executor inline = Runnable::run;
        RegisteredNames names = new RegisteredNames(List.of());
        Accounts accounts = new Accounts(new InMemoryAccountStore(), names, HASHER,
                new LoginThrottle(10, 50, Duration.ofMinutes(5), Clock.systemUTC()));
        HistoryStore historyStore = history.apply(log);
        Presence presence = new Presence(names);
        PrivateMessages privateMessages = new PrivateMessages(historyStore, presence,
                new PrivateMessageQuota(PM_QUOTA_BYTES, Duration.ofDays(1), Clock.systemUTC()), Clock.systemUTC());
        services = new AccountServices(chat, accounts, presence, privateMessages, historyStore, SERVER_KEYS,
                new CryptoLanes(inline, 1, 4, 16), MAX_FRAME);
    }

    EmbeddedChannel connect() {
        return new EmbeddedChannel(new AccountInitializer(services));
    }

    /** A connection of {@code name}, registered (or logged in) with {@link #PASSWORD}. */
    EmbeddedChannel login(String name) {
        EmbeddedChannel channel = connect();
        assertThat(exchange(channel, "C USER " + name + "\n")).matches("C (NEW|EXISTING) \\S+\n");
        assertThat(exchange(channel, pass(PASSWORD))).isEqualTo("C OK welcome " + name + "\n");
        return channel;
    }

    /** {@code C PASS} with {@code password} encrypted for the server, as a client sends it. */
    static String pass(String password) {
        try {
            return "C PASS " + Pg3Cipher.encrypt(password.getBytes(StandardCharsets.UTF_8), SERVER_KEYS.getPublic())
                    + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code frames} and returns everything the server wrote back once they are handled. */
    static String exchange(EmbeddedChannel channel, String frames) {
        channel.writeInbound(Unpooled.copiedBuffer(frames, StandardCharsets.UTF_8));
        return output(channel);
    }

    /** What the server wrote to {@code channel} once its pending tasks have run. */
    static String output(EmbeddedChannel channel) {
        channel.runPendingTasks();
        channel.checkException();
        return PipelineFuzzing.output(channel);
    }

    private static KeyPair keys() {
        try {
            return RsaKeys.generate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
