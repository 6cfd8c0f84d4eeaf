package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

import io.netty.channel.ChannelHandlerContext;
import io.parley.core.account.AccountRecord;
import io.parley.core.account.LoginThrottle;
import io.parley.core.text.Text;
import io.parley.protocol.Addresses;
import io.parley.protocol.ClientAddress;
import io.parley.protocol.CryptoLanes;
import io.parley.protocol.RateLimitedLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * {@code AUTHENTICATE} (IRCv3 SASL 3.1/3.2, {@code PLAIN}) against the server's accounts, the
 * ones the account protocol registers: the exchange is {@link IrcSaslExchange}; the password is
 * checked by the shared {@link io.parley.core.account.Accounts} (Argon2id on the crypto threads
 * through the shared {@link CryptoLanes}, never on the event loop), and a wrong one counts
 * against the same per-account and per-address budgets as a wrong {@code PASS} of the account
 * protocol. Replies: {@code AUTHENTICATE +}; {@code 900} and {@code 903}; {@code 904} (wrong
 * password, malformed payload, throttled, busy); {@code 905} (a chunk over 400 bytes);
 * {@code 906} ({@code AUTHENTICATE *}); {@code 907} (already logged in); {@code 908} and
 * {@code 904} (a mechanism other than PLAIN). Event-loop only; one per connection.
 */
final class IrcSasl {

    private static final RateLimitedLog REFUSED = new RateLimitedLog(LoggerFactory.getLogger(IrcSasl.class),
            Duration.ofMinutes(1), java.time.Clock.systemUTC());

    private final IrcServer server;
    private final IrcSession session;
    private final List<Object> out;
    /** Called on the loop once the user is logged in, with the account's name. */
    private final Consumer<String> loggedIn;

    IrcSasl(IrcServer server, IrcSession session, List<Object> out, Consumer<String> loggedIn) {
        this.server = server;
        this.session = session;
        this.out = out;
        this.loggedIn = loggedIn;
    }

    /** One {@code AUTHENTICATE}; a stage while a password is checked (the next command waits for it). */
    CompletionStage<?> authenticate(ChannelHandlerContext ctx, IrcMessage message) {
        String parameter = message.param(0);
        if (parameter == null || parameter.isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "AUTHENTICATE", "Not enough parameters");
            return null;
        }
        if (session.account() != null) {
            numeric(ERR_SASLALREADY, "You have already authenticated using SASL");
            return null;
        }
        IrcSaslExchange.Step step = session.sasl.authenticate(parameter);
        if (step instanceof IrcSaslExchange.Continue) {
            out.add(IrcMessage.of("AUTHENTICATE", "+"));
        } else if (step instanceof IrcSaslExchange.Failed failed) {
            failed(failed.failure());
        } else if (step instanceof IrcSaslExchange.Credentials credentials) {
            return check(ctx, credentials);
        }
        return null; // AwaitMore: a full chunk, the rest follows
    }

    private void failed(IrcSaslExchange.Failure failure) {
        switch (failure) {
            case UNKNOWN_MECHANISM -> {
                numeric(RPL_SASLMECHS, IrcSaslExchange.MECHANISMS, "are available SASL mechanisms");
                numeric(ERR_SASLFAIL, "SASL authentication failed");
            }
            case TOO_LONG -> numeric(ERR_SASLTOOLONG, "SASL message too long");
            case ABORTED -> numeric(ERR_SASLABORTED, "SASL authentication aborted");
            case TOO_MUCH, MALFORMED -> numeric(ERR_SASLFAIL, "SASL authentication failed");
        }
    }

    private CompletionStage<?> check(ChannelHandlerContext ctx, IrcSaslExchange.Credentials credentials) {
        String address = Addresses.origin(ClientAddress.of(ctx.channel()));
        return server.accounts.accounts().find(credentials.authcid()).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Result.FAILED);
            }
            Optional<LoginThrottle.Refusal> refusal = server.accounts.accounts().refusal(found, address);
            if (refusal.isPresent()) {
                REFUSED.warn("Refusing SASL logins " + (refusal.get().forAccount() ? "for " + Text.clean(found.get().name(), false)
                        : "from " + address) + ": too many wrong passwords");
                return CompletableFuture.completedFuture(new Result(null, "Too many failed logins; try again in "
                        + refusal.get().retryAfterSeconds() + " seconds"));
            }
            CryptoLanes.Admission admission = server.accounts.cryptoLanes().open(address);
            if (admission instanceof CryptoLanes.Refused refused) {
                return CompletableFuture.completedFuture(new Result(null, refused.serverWide()
                        ? "The server is busy with other logins; try again" : "Too many logins in progress from your address; try again"));
            }
            CryptoLanes.Lane lane = (CryptoLanes.Lane) admission;
            AccountRecord account = found.get();
            return server.accounts.accounts().verify(account, credentials.password(), address, lane)
                    .thenApply(ok -> ok ? new Result(account.name(), null) : Result.FAILED)
                    .whenComplete((result, failure) -> lane.close());
        }).handleAsync((result, failure) -> {
            if (failure != null || !ctx.channel().isActive()) {
                if (failure != null) {
                    numeric(ERR_SASLFAIL, "SASL authentication failed: the server could not check it now, try again");
                }
            } else if (result.account() == null) {
                numeric(ERR_SASLFAIL, result.why() == null ? "SASL authentication failed" : "SASL authentication failed: " + result.why());
            } else if (session.account() != null) {
                numeric(ERR_SASLALREADY, "You have already authenticated using SASL");
            } else {
                session.loggedIn(result.account());
                numeric(RPL_LOGGEDIN, session.source(), result.account(), "You are now logged in as " + result.account());
                numeric(RPL_SASLSUCCESS, "SASL authentication successful");
                loggedIn.accept(result.account());
            }
            return null;
        }, ctx.executor());
    }

    /** An account logged in to, or why not. */
    private record Result(String account, String why) {
        static final Result FAILED = new Result(null, null);
    }

    private void numeric(String numeric, String... params) {
        out.add(server.replies.numeric(numeric, session.nick(), params));
    }
}
