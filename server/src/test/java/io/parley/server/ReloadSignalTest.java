package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import sun.misc.SignalHandler;

/**
 * What {@link ReloadSignal} says, without sending a signal: a SIGHUP the process started with
 * ignored (nohup), which the JVM keeps so, gets one warning naming the other way to reload; and a
 * signal's reload that fails in a way the reload does not log itself is logged here.
 */
class ReloadSignalTest {

    @Test
    void anIgnoredSighupIsOneWarningThatNamesPostReload() throws Exception {
        boolean[] installed = new boolean[1];

        String log = stderrWhile(() -> installed[0] = ReloadSignal.warnIfIgnored(SignalHandler.SIG_IGN));

        assertThat(installed[0]).isFalse();
        assertThat(log.lines().filter(line -> line.contains("ReloadSignal"))).singleElement().asString()
                .contains("WARN").contains("SIGHUP is ignored in this process (started under nohup?);"
                        + " reload with POST /reload on the admin listener");
    }

    @Test
    void aSighupThatWasHandledBeforeSaysNothing() throws Exception {
        boolean[] installed = new boolean[1];

        String log = stderrWhile(() -> installed[0] = ReloadSignal.warnIfIgnored(SignalHandler.SIG_DFL));

        assertThat(installed[0]).isTrue();
        assertThat(log).doesNotContain("ReloadSignal");
    }

    @Test
    void aReloadThatFailsUnexpectedlyIsLoggedInOneLine() throws Exception {
        String log = stderrWhile(() -> ReloadSignal.reload(() -> CompletableFuture.failedFuture(
                new CompletionException(new IllegalStateException("no context")))));

        assertThat(log.lines().filter(line -> line.contains("SIGHUP reload failed"))).singleElement().asString()
                .contains("WARN").contains("java.lang.IllegalStateException: no context");
    }

    @Test
    void aRefusedReloadIsLeftToTheReloadsOwnLine() throws Exception {
        String log = stderrWhile(() -> ReloadSignal.reload(() -> CompletableFuture.failedFuture(
                new CompletionException(new StartupException("TLS reload failed, still presenting ...")))));

        assertThat(log).contains("SIGHUP: reloading").doesNotContain("SIGHUP reload failed");
    }

    private interface Action {
        void run() throws Exception;
    }

    /** What was logged (slf4j-simple writes to System.err) while {@code action} ran. */
    private static String stderrWhile(Action action) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
