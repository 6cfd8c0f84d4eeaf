package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void parleyConfDocumentsEveryKeyAtItsDefault() throws Exception {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("..", "parley.conf"), StandardCharsets.UTF_8)) {
            file.load(reader);
        }
        Map<String, String> documented = new TreeMap<>();
        file.stringPropertyNames().forEach(key -> documented.put(key, file.getProperty(key).strip()));

        assertThat(documented).isEqualTo(new TreeMap<>(ServerConfig.DEFAULTS));
    }

    @Test
    void theDirectoryPortIsAPortOrOff() {
        assertThat(config("directory.port", "7712").directoryPort()).hasValue(7712);
        assertThat(config("directory.port", "0").directoryPort()).hasValue(0);
        assertThat(config("directory.port", "off").directoryPort()).isEqualTo(OptionalInt.empty());
        assertThatThrownBy(() -> config("directory.port", "70000")).hasMessageContaining("directory.port");
    }

    private static ServerConfig config(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return ServerConfig.from(properties);
    }
}
