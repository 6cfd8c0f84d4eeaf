package io.parley.protocol.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.protocol.SettingException;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    @Test
    void byDefaultOnlyPagesFromTheRequestsOwnHost() {
        AllowedOrigins origins = AllowedOrigins.parse("k", "");
        assertThat(origins.allows("http://chat.example.org:8080", "chat.example.org:8080")).isTrue();
        assertThat(origins.allows("https://Chat.Example.org", "chat.example.org")).isTrue();
        assertThat(origins.allows("http://evil.example", "chat.example.org:8080")).isFalse();
        assertThat(origins.allows("http://chat.example.org:9999", "chat.example.org:8080")).isFalse();
        assertThat(origins.allows("null", "chat.example.org")).isFalse();
        assertThat(origins.allows(null, "chat.example.org")).as("not a browser page").isTrue();
    }

    @Test
    void aListOrEveryPage() {
        AllowedOrigins listed = AllowedOrigins.parse("k", "https://chat.example.org, https://example.org/");
        assertThat(listed.allows("https://example.org", "parley.internal")).isTrue();
        assertThat(listed.allows("https://chat.example.org", "parley.internal")).isTrue();
        assertThat(listed.allows("http://chat.example.org", "chat.example.org")).isFalse();
        assertThat(AllowedOrigins.parse("k", "*").allows("http://anything.example", "x")).isTrue();
        assertThatThrownBy(() -> AllowedOrigins.parse("web.allowed-origins", "chat.example.org"))
                .isInstanceOf(SettingException.class).hasMessageContaining("web.allowed-origins");
    }
}
