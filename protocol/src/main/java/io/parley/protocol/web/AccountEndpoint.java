package io.parley.protocol.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.parley.core.account.Passwords;
import io.parley.core.account.Registration;
import io.parley.protocol.Addresses;
import io.parley.protocol.ClientAddress;
import io.parley.protocol.Names;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /account}: the web client's "Create an account" ({@code {"name": ..., "password":
 * ...}} as JSON, docs/web.md). Only from an allowed origin and only as {@code application/json}
 * (a page elsewhere cannot send that without a preflight, which is refused), so another site
 * cannot register accounts through a visitor's browser. The account is made by the server's
 * accounts ({@link AccountSignup}): same rules and hashing as the account protocol. The name must
 * also be a valid IRC nick, since the web client logs in over IRC. Answers JSON: {@code 201
 * {"name": ...}}, or an error status with {@code {"error": "..."}}; then closes. The password is
 * never logged. Stateless.
 */
final class AccountEndpoint {

    static final String PATH = "/account";
    private static final Logger log = LoggerFactory.getLogger(AccountEndpoint.class);
    /** IRC's nick rule (docs/irc.md "Nicks"): the account's name is its owner's nick. */
    private static final Pattern NICK = Pattern.compile("[A-Za-z\\[\\]\\\\^_{|}`][A-Za-z0-9\\[\\]\\\\^_{|}`-]{0,31}");

    private final WebSettings settings;
    private final AccountSignup signup;

    /** @param signup the server's accounts, or null when this server has none (then 404) */
    AccountEndpoint(WebSettings settings, AccountSignup signup) {
        this.settings = settings;
        this.signup = signup;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (signup == null) {
            respond(ctx, HttpResponseStatus.NOT_FOUND, "error", "this server has no accounts");
            return;
        }
        if (!request.method().equals(HttpMethod.POST)) {
            FullHttpResponse response = json(HttpResponseStatus.METHOD_NOT_ALLOWED, "error", "use POST");
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
            send(ctx, response);
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!settings.allowedOrigins().allows(origin, request.headers().get(HttpHeaderNames.HOST))) {
            respond(ctx, HttpResponseStatus.FORBIDDEN, "error", "accounts are made from this server's own page");
            return;
        }
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            respond(ctx, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "error", "send the account as application/json");
            return;
        }
        Optional<Map<String, String>> body = utf8(request).flatMap(JsonStrings::parseObject);
        String name = body.map(fields -> fields.get("name")).orElse(null);
        String password = body.map(fields -> fields.get("password")).orElse(null);
        if (name == null || password == null) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "error",
                    "send {\"name\": \"...\", \"password\": \"...\"} as JSON");
            return;
        }
        if (!NICK.matcher(name).matches() || Names.problem(name, 32).isPresent()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "error", "a name is 1 to 32 letters, digits or [ ] \\ ^ _ "
                    + "` { | } -, not starting with a digit or -");
            return;
        }
        if (signup.isRegistered(name)) {
            respond(ctx, HttpResponseStatus.CONFLICT, "error", name + " is, or looks like, a registered name");
            return;
        }
        String address = Addresses.origin(ClientAddress.of(ctx.channel()));
        Optional<CompletionStage<Registration>> started = signup.register(name, password, address);
        if (started.isEmpty()) {
            respond(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "error", "too many logins in progress; try again soon");
            return;
        }
        started.get().whenComplete((registration, failure) -> {
            if (failure != null) {
                log.warn("Could not register an account from the web for {}: {}", address, failure.toString());
                respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "error", "could not register now; try again");
            } else if (registration instanceof Registration.Created created) {
                log.info("Account {} registered from the web by {}", created.account().name(), address);
                respond(ctx, HttpResponseStatus.CREATED, "name", created.account().name());
            } else if (registration instanceof Registration.BadPassword bad) {
                respond(ctx, HttpResponseStatus.BAD_REQUEST, "error", passwordRule(bad.problem()));
            } else if (registration instanceof Registration.Taken) {
                respond(ctx, HttpResponseStatus.CONFLICT, "error", name + " is, or looks like, a registered name");
            } else {
                respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "error", "could not register " + name + " now; try again");
            }
        });
    }

    static String passwordRule(Passwords.Problem problem) {
        return switch (problem) {
            case LENGTH -> "the password must be " + Passwords.MIN_LENGTH + "-" + Passwords.MAX_LENGTH + " characters";
            case CONTROL -> "the password must not contain control characters";
        };
    }

    private static Optional<String> utf8(FullHttpRequest request) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(request.content().nioBuffer()).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String key, String value) {
        send(ctx, json(status, key, value));
    }

    private static FullHttpResponse json(HttpResponseStatus status, String key, String value) {
        byte[] body = JsonStrings.write(Map.of(key, value)).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    /** Writes the response with the listener's security headers, then closes (from any thread). */
    private static void send(ChannelHandlerContext ctx, FullHttpResponse response) {
        WebRequestHandler.securityHeaders(response.headers());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
