package io.parley.protocol.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonStringsTest {

    @Test
    void readsAnObjectOfStringsWithEscapes() {
        assertThat(JsonStrings.parseObject(" {\"name\" : \"alice\", \"password\":\"p\\\"\\\\\\/\\u00e9\\ud83d\\ude00\\n\"} "))
                .contains(Map.of("name", "alice", "password", "p\"\\/é😀\n"));
        assertThat(JsonStrings.parseObject("{}")).contains(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"a\":1}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x", "{\"a\":\"b\",\"a\":\"c\"}",
        "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}", "{\"a\":\"\\x41\"}", "{\"a\":\"\u0001\"}", "{'a':'b'}",
        "{\"a\":\"\\u12\"}", "{\"a\":null}", "{\"a\" \"b\"}"})
    void refusesAnythingElse(String text) {
        assertThat(JsonStrings.parseObject(text)).as(text).isEmpty();
    }

    @Test
    void writesEscapedStringsThatNeverHoldMarkup() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("error", "\"<script>\" & \\ \n\u0001");
        assertThat(JsonStrings.write(fields)).isEqualTo("{\"error\":\"\\\"\\u003cscript\\u003e\\\" \\u0026 \\\\ \\n\\u0001\"}");
        assertThat(JsonStrings.parseObject(JsonStrings.write(fields))).contains(fields);
    }
}
