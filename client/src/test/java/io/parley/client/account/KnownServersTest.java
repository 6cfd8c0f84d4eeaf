package io.parley.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownServersTest {

    @TempDir
    Path home;

    @Test
    void remembersOneKeyPerServerAcrossInstances() throws Exception {
        Path file = home.resolve("nested/known_servers");
        KnownServers known = new KnownServers(file);
        assertThat(known.pinned("localhost:7713")).isEmpty();

        known.pin("localhost:7713", "KEY1");
        known.pin("example.org:7713", "KEY2");

        KnownServers again = new KnownServers(file);
        assertThat(again.pinned("localhost:7713")).contains("KEY1");
        assertThat(again.pinned("example.org:7713")).contains("KEY2");
        assertThat(again.pinned("localhost:7714")).isEmpty();
        assertThat(Files.readAllLines(file).get(0)).startsWith("#");
    }

    @Test
    void pinningAgainReplacesTheKeyAndKeepsTheOthers() throws Exception {
        KnownServers known = new KnownServers(home.resolve("known_servers"));
        known.pin("localhost:7713", "OLD");
        known.pin("localhost:77130", "OTHER");

        known.pin("localhost:7713", "NEW");

        assertThat(known.pinned("localhost:7713")).contains("NEW");
        assertThat(known.pinned("localhost:77130")).contains("OTHER");
        assertThat(Files.readString(home.resolve("known_servers"))).doesNotContain("OLD");
        assertThat(home.resolve("known_servers.new")).doesNotExist();
    }
}
