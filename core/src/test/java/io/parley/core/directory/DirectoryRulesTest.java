package io.parley.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"r1", "a", "Room-1_b.c", "abcdefghijklmnopqrstuvwxyz012345"})
    void validNames(String name) {
        assertThat(DirectoryRules.isValidName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcdefghijklmnopqrstuvwxyz0123456", "a b", "café", "a/b", "a:b", "a\tb"})
    void invalidNames(String name) {
        assertThat(DirectoryRules.isValidName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"239.0.0.0", "239.0.0.1", "239.255.255.255", "239.10.200.7"})
    void groupAddressesIn239Slash8(String text) {
        assertThat(DirectoryRules.groupAddress(text)).contains(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "238.0.0.1", "240.0.0.1", "224.0.0.1", "10.0.0.1", "239.0.0", "239.0.0.1.1",
            "239.0.0.256", "239.01.0.1", "0239.0.0.1", " 239.0.0.1", "239.0.0.1 ", "239.0.0.-1", "::ffff:239.0.0.1",
            "localhost", ""})
    void notGroupAddresses(String text) {
        assertThat(DirectoryRules.groupAddress(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1024", "5000", "65535"})
    void ports(String text) {
        assertThat(DirectoryRules.port(text)).hasValue(Integer.parseInt(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1023", "65536", "70000", "x", "", "+5000", "-5000", "5000.0", "123456", "99999999999"})
    void notPorts(String text) {
        assertThat(DirectoryRules.port(text)).isEmpty();
    }
}
