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
 * nothing to warn about. An existing directory open to others is not changed (it may be the
 * user's own, {@code --data .}), only warned about.
 */
class FreshDataDirectoryTest {

    /** Where the data directory goes; ServerUnderTest, not ParleyExtension, since the directory is what is tested. */
    @TempDir
    Path parent;

    @Test
    void aNewDataDirectoryIsOwnerOnlyWithoutAWarning() throws Exception {
        Path data = parent.resolve("data");
        String log = stderrWhile(() -> ServerUnderTest.start(data).close());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(log).doesNotContain("made it rwx------").doesNotContain("other users may list it");
    }

    @Test
    void anExistingDataDirectoryOpenToOthersIsLeftAsItIsWithAWarning() throws Exception {
        Path data = Files.createDirectory(parent.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask
        String log = stderrWhile(() -> ServerUnderTest.start(data).close());

        // It may be the user's own directory (--data .): not Parley's to narrow.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwxr-xr-x");
        assertThat(log).contains(data + " is rwxr-xr-x: other users may list it");
    }

    private interface Action {
        void run() throws Exception;
    }

    /** What the server logged (the log goes to System.err) while {@code action} ran. */
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
