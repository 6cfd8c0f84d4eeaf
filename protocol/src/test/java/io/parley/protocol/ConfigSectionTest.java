package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A key read without a default is the module's mistake, named, not a NullPointerException at start-up. */
class ConfigSectionTest {

    private final ConfigSection section = new ConfigSection(new Properties(), Map.of("known.key", " 7 "));

    @Test
    void aDeclaredKeyReadsAtItsDefault() {
        assertThat(section.text("known.key")).isEqualTo("7");
        assertThat(section.positive("known.key")).isEqualTo(7);
        assertThat(section.chosen("known.key")).isFalse();
    }

    @Test
    void aKeyWithNoDefaultIsNamedAsSuch() {
        assertThatThrownBy(() -> section.positive("undeclared.key"))
                .isInstanceOf(SettingException.class)
                .hasMessage("undeclared.key has no default");
        assertThatThrownBy(() -> section.chosen("undeclared.key"))
                .isInstanceOf(SettingException.class)
                .hasMessage("undeclared.key has no default");
    }
}
