package io.parley.protocol.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.parley.core.account.AccountRecord;
import io.parley.core.account.Passwords;
import io.parley.core.account.Registration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** {@code POST /account} on an embedded channel, with accounts that answer as told. */
class AccountEndpointTest {

    private final List<String> registered = new ArrayList<>();
    private Registration answer = null;
    private boolean busy;

    private final AccountSignup signup = new AccountSignup() {
        @Override
        public boolean isRegistered(String name) {
            return name.equalsIgnoreCase("taken");
        }

        @Override
        public Optional<CompletionStage<Registration>> register(String name, String password, String address) {
            if (busy) {
                return Optional.empty();
            }
            registered.add(name + "/" + password);
            Registration result = answer != null ? answer
                    : Passwords.problemWithNew(password).<Registration>map(Registration.BadPassword::new)
                            .orElse(new Registration.Created(new AccountRecord(name, "hash", Optional.empty())));
            return Optional.of(CompletableFuture.completedFuture(result));
        }
    };

    private FullHttpResponse post(String origin, String type, String body) {
        WebSettings settings = new WebSettings(AllowedOrigins.parse("k", ""), TrustedProxies.parse("k", ""), 30, "irc");
        AccountEndpoint endpoint = new AccountEndpoint(settings, signup);
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                FullHttpRequest request = (FullHttpRequest) msg;
                try {
                    endpoint.handle(ctx, request);
                } finally {
                    request.release();
                }
            }
        });
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/account",
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.HOST, "chat.example.org:8080");
        if (origin != null) {
            request.headers().set(HttpHeaderNames.ORIGIN, origin);
        }
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        assertThat(channel.isOpen()).as("closed after answering").isFalse();
        return response;
    }

    private static String body(FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    @Test
    void createsAnAccountFromTheServersOwnPage() {
        FullHttpResponse response = post("http://chat.example.org:8080", "application/json",
                "{\"name\":\"alice\",\"password\":\"correct horse\"}");
        assertThat(response.status().code()).isEqualTo(201);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_SECURITY_POLICY)).isNotBlank();
        assertThat(body(response)).isEqualTo("{\"name\":\"alice\"}");
        assertThat(registered).containsExactly("alice/correct horse");
    }

    @Test
    void refusesWhatTheAccountProtocolRefusesInItsOwnWords() {
        FullHttpResponse shortPassword = post(null, "application/json", "{\"name\":\"alice\",\"password\":\"short\"}");
        assertThat(shortPassword.status().code()).isEqualTo(400);
        assertThat(body(shortPassword)).isEqualTo("{\"error\":\"the password must be 8-256 characters\"}");

        FullHttpResponse taken = post(null, "application/json", "{\"name\":\"Taken\",\"password\":\"long enough\"}");
        assertThat(taken.status().code()).isEqualTo(409);
        assertThat(body(taken)).contains("registered name");

        answer = new Registration.Taken();
        assertThat(post(null, "application/json", "{\"name\":\"bob\",\"password\":\"long enough\"}").status().code())
                .as("registered meanwhile").isEqualTo(409);
        answer = new Registration.NotNow();
        assertThat(post(null, "application/json", "{\"name\":\"bob\",\"password\":\"long enough\"}").status().code())
                .isEqualTo(503);
        busy = true;
        assertThat(post(null, "application/json", "{\"name\":\"bob\",\"password\":\"long enough\"}").status().code())
                .isEqualTo(429);
    }

    @Test
    void refusesOtherPagesOtherBodiesAndNamesThatAreNotNicks() {
        assertThat(post("http://evil.example", "application/json", "{\"name\":\"alice\",\"password\":\"long enough\"}")
                .status().code()).isEqualTo(403);
        assertThat(post(null, "application/x-www-form-urlencoded", "name=alice&password=long+enough")
                .status().code()).isEqualTo(415);
        assertThat(post(null, "application/json", "{\"name\":\"alice\"}").status().code()).isEqualTo(400);
        assertThat(post(null, "application/json", "not json").status().code()).isEqualTo(400);
        for (String name : new String[] {"1alice", "al ice", "-x", "José", "a:b", "", "a".repeat(33)}) {
            FullHttpResponse response = post(null, "application/json",
                    "{\"name\":\"" + name + "\",\"password\":\"long enough\"}");
            assertThat(response.status().code()).as(name).isEqualTo(400);
            assertThat(body(response)).contains("a name is 1 to 32");
        }
        assertThat(registered).isEmpty();
    }
}
