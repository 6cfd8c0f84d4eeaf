package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first start on a data directory that does not exist yet creates it owner-only, and so has
 * nothing to warn about: the "was rwxr-xr-x; made it rwx------" warning is for a directory that
 * really was open to others.
 */
class FreshDataDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void aNewDataDirectoryIsOwnerOnlyWithoutAWarning() throws Exception {
        Path data = parent.resolve("data");
        String log = stderrWhile(() -> ServerUnderTest.start(data).close());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(log).doesNotContain("made it rwx------");
    }

    @Test
    void anExistingDataDirectoryOpenToOthersIsStillNarrowedWithAWarning() throws Exception {
        Path data = Files.createDirectory(parent.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask
        String log = stderrWhile(() -> ServerUnderTest.start(data).close());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(log).contains(data + " was rwxr-xr-x; made it rwx------");
    }

    private interface Action {
        void run() throws Exception;
    }

    /** What the server logged (slf4j-simple writes to System.err) while {@code action} ran. */
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
