package io.parley.client.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server keys this client has seen, for trust on first use (spec: "the client remembers a
 * server's key on first use and warns loudly if it ever changes"). One line per server,
 * {@code <host>:<port> <key line>}, in a text file; {@code #} starts a comment.
 *
 * <p>Every call reads the file afresh and a change replaces it whole (write a sibling, then
 * rename), so a reader never sees half a file; the file is the owner's only (0600), in a
 * directory that {@link ClientHome#secure} made so. Thread-safe within one process; two clients
 * pinning at the same moment keep the last one's file.
 */
final class KnownServers {

    private static final String HEADER = "# Server keys seen by `parley client account`: <host>:<port> <key>";

    private final Path file;

    KnownServers(Path file) {
        this.file = file;
    }

    /** The key line remembered for {@code server} ({@code host:port}), if any. */
    synchronized Optional<String> pinned(String server) throws IOException {
        for (String line : lines()) {
            String[] entry = line.split(" ", 2);
            if (entry.length == 2 && entry[0].equals(server)) {
                return Optional.of(entry[1].strip());
            }
        }
        return Optional.empty();
    }

    /** Remembers {@code key} for {@code server}, replacing what was remembered before. */
    synchronized void pin(String server, String key) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : lines()) {
            if (!line.startsWith(server + " ")) {
                kept.add(line);
            }
        }
        if (kept.isEmpty()) {
            kept.add(HEADER);
        }
        kept.add(server + " " + key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(partial);
        ClientHome.createPrivateFile(partial);
        Files.write(partial, kept, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
