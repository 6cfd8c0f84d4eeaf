package io.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks that {@code --server-pid} names the server, from its command line in
 * {@code /proc/<pid>/cmdline}: a pid copied from the wrong place (the shell that started the
 * server, {@code $!} of a wrapper script) would otherwise report its own CPU time, 0 %, as the
 * server's. Parley is a Java process, so anything else is refused; a Java process that does not
 * look like Parley is only warned about (it may be started another way). For {@code --protocol
 * nats} the process should be a {@code nats-server}. Stateless.
 */
final class ServerProcess {

    private ServerProcess() {}

    /** The process's arguments, or empty when it does not exist or cannot be read. */
    static Optional<List<String>> commandLine(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            if (bytes.length == 0) {
                return Optional.empty(); // a zombie, or a kernel thread
            }
            return Optional.of(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Why {@code pid}, running {@code args}, cannot be the server of {@code protocol}; empty if it can. */
    static Optional<String> refusal(long pid, List<String> args, Protocol protocol) {
        if (protocol == Protocol.NATS || protocol == Protocol.IRC_SUBSET || isIrcPeer(args, protocol) || isJava(args)) {
            return Optional.empty();
        }
        return Optional.of("--server-pid " + pid + " is not a Java process but " + program(args)
                + "; give the pid of the server's JVM (for example: pgrep -f parley.jar)");
    }

    /** A doubt about {@code pid} worth printing (the run goes on), or empty. */
    static Optional<String> warning(long pid, List<String> args, Protocol protocol) {
        if (protocol == Protocol.IRC_SUBSET) {
            return Optional.empty(); // the minimal server the bench is calibrated against, or any IRC server
        }
        if (protocol == Protocol.NATS) {
            return args.stream().anyMatch(arg -> arg.contains("nats-server")) ? Optional.empty()
                    : Optional.of("--server-pid " + pid + " runs " + program(args) + ", not a nats-server");
        }
        if (isIrcPeer(args, protocol)) {
            return Optional.empty();
        }
        boolean parley = args.stream().anyMatch(arg -> arg.endsWith("parley.jar") || arg.startsWith("io.parley."));
        return parley ? Optional.empty() : Optional.of("--server-pid " + pid + " is a Java process but not"
                + " parley.jar; its figures are reported as the server's");
    }

    /**
     * The warning when the process used no CPU time from the start of a run to its end: no server
     * that accepted connections and delivered messages did, so the pid is not the server's (or it
     * was stopped), and its figures are left out rather than reported as 0 %.
     */
    static Optional<String> idleWarning(long pid, long cpuNanosAtStart, long cpuNanosAtEnd) {
        if (cpuNanosAtEnd > cpuNanosAtStart) {
            return Optional.empty();
        }
        return Optional.of("process " + pid + " used no CPU time during the whole run, so it is not the server"
                + " that served it (--server-pid); its CPU and memory figures are left out");
    }

    /** An IRC server the bench compares Parley with (bench/run.sh runs them for --protocol irc). */
    private static boolean isIrcPeer(List<String> args, Protocol protocol) {
        String program = Path.of(args.get(0)).getFileName().toString();
        return protocol == Protocol.IRC && (program.equals("ngircd") || program.equals("inspircd"));
    }

    private static boolean isJava(List<String> args) {
        String program = Path.of(args.get(0)).getFileName().toString();
        return program.equals("java") || program.equals("java.exe");
    }

    /** The program's name and its first arguments, enough to recognise it in a message. */
    private static String program(List<String> args) {
        String shown = String.join(" ", args.subList(0, Math.min(3, args.size())));
        return "`" + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown) + "`";
    }
}
