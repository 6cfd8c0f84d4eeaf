package io.parley.protocol.account;

import static io.parley.protocol.account.AccountTestServer.exchange;
import static io.parley.protocol.account.AccountTestServer.pass;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.AccountRecord;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hashes stored before passwords were prepared (PRECIS OpaqueString) still verify. */
class StoredHashCompatibilityTest {

    private final AccountTestServer server = new AccountTestServer();

    private void storeHashOf(String name, String passwordAsTyped) {
        String hash = AccountTestServer.HASHER.hash(passwordAsTyped).toCompletableFuture().join();
        server.services.accounts().store().create(new AccountRecord(name, hash, Optional.empty())).toCompletableFuture().join();
    }

    private String logIn(String name, String password) {
        EmbeddedChannel channel = new EmbeddedChannel(new AccountInitializer(server.services));
        assertThat(exchange(channel, "C USER " + name + "\n")).startsWith("C EXISTING ");
        String reply = exchange(channel, pass(password));
        channel.finishAndReleaseAll();
        return reply;
    }

    @Test
    void anOldHashOfAnAsciiPasswordVerifies() {
        storeHashOf("ann", "plain ascii password");

        assertThat(logIn("ann", "plain ascii password")).isEqualTo("C OK welcome ann\n");
    }

    @Test
    void anOldHashOfAPasswordThatPreparingChangesStillVerifiesAsTyped() {
        storeHashOf("ben", "cafe\u0301\u00A0noir");

        assertThat(logIn("ben", "cafe\u0301\u00A0noir")).isEqualTo("C OK welcome ben\n");
        assertThat(logIn("ben", "something else")).isEqualTo("C ERR 401 incorrect password\n");
    }
}
