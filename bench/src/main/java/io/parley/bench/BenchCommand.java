package io.parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley bench}: drives a running Parley server on this machine with one workload over
 * one protocol, prints a progress line each second and a summary at the end, and writes a JSON
 * result file. With {@code --chart} or {@code --summary} it reads result files instead.
 *
 * <p>Bounded by design: loopback targets only, at most {@link #MAX_CONNECTIONS} connections,
 * {@link #MAX_DURATION_SECONDS} seconds and {@link #MAX_RATE} messages per second.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load-test a Parley server on this machine: open-loop senders, every delivery timed"
                + " and checked (a lost message fails the run).",
            "Workloads, with their default shapes:",
            "  W1 idle connections: 10,000 in 100 rooms; server memory per connection",
            "  W2 connection storm: 10,000 connect+register+join, 1,000 in flight",
            "  W3 one big room: 500 members, 10 senders, 2,000 msg/s (1 M deliveries/s)",
            "  W4 many small rooms: 100 x 10 members, 100 senders, 10,000 msg/s",
            "  W5 join/leave churn: 100 members, 10 senders, 1,000 msg/s; 20%% come and go",
            "  W6 slow consumers: as W3, but 1%% of the members never read",
            "Line protocol: room k is on --port + k (the server's line.extra-listeners).",
            "NATS (to measure a NATS server the same way): room k is the subject parley-bench.k.",
            "IRC (Parley's, or another IRC server with echo-message): room k is the channel #bench-k;"
                + " ws: the same IRC over the WebSocket at /socket of Parley's web port;"
                + " irc-subset: #r<k>, no CAP and no echo (the minimal server of bench/calibrate.sh).", ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the run passed its checks and sustained its offered rate (PASSED)",
            "1:the run failed a check (FAILED; see the FAILURE lines), or a result file could not be read",
            "2:bad options", "3:the run could not be carried out",
            "4:the run passed its checks but fell more than 10%% short of its offered rate (NOT SUSTAINED):"
                + " its figures are those of an overloaded run"})
public final class BenchCommand implements Callable<Integer> {

    /** The machine's descriptor limit is 20,000 per process; the rest is for the JVM. */
    static final int MAX_CONNECTIONS = 19_000;
    static final int MAX_DURATION_SECONDS = 600;
    static final int MAX_WARMUP_SECONDS = 60;
    static final double MAX_RATE = 2_000_000;
    /** Stays under the line protocol's default line limit (16 KiB) with room for the name. */
    static final int MAX_SIZE = 16_000;
    static final int MAX_THREADS = 8;

    @Spec
    private CommandSpec spec;

    @Option(names = "--protocol", paramLabel = "line|tcd|nats|irc|ws|irc-subset", description = "The protocol to drive.")
    private String protocol;

    @Option(names = "--workload", paramLabel = "W1..W6", description = "The workload.")
    private WorkloadKind workload;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The server's address; loopback only"
            + " (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", description = "The server's port (default: 7711 for line, 7710 for tcd, 4222 for nats,"
            + " 6667 for irc and irc-subset, 8080 for ws).")
    private Integer port;

    @Option(names = "--ports", split = ",", paramLabel = "PORT,PORT,...", description = "The ports of a cluster's"
            + " nodes on this machine (e.g. each node's --tcd): the members are spread over them, a room's members"
            + " alternating over the nodes, so every message crosses from node to node; instead of --port.")
    private List<Integer> ports;

    @Option(names = "--tls", description = "Connect with TLS (to the server's --<protocol>-tls port, given with --port;"
            + " a line run takes --rooms 1), checking its"
            + " certificate against the system's trust store, or --tls-ca, and that it names --host.")
    private boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "Trust the CA certificates in FILE (PEM), e.g. the"
            + " server's self-signed cert.pem; implies --tls.")
    private Path tlsCa;

    @Option(names = "--connections", description = "Members in all (default: the workload's, e.g. 500 for W3).")
    private Integer connections;

    @Option(names = "--rooms", description = "Rooms the members are spread over (default: the workload's).")
    private Integer rooms;

    @Option(names = "--senders", description = "Members that send (default: the workload's).")
    private Integer senders;

    @Option(names = "--rate", paramLabel = "MSGS", description = "Messages per second from all senders together,"
            + " on a fixed schedule (default: the workload's).")
    private Double rate;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "The measured interval (default: the"
            + " workload's).")
    private Integer duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "2", description = "Sending before the"
            + " measured interval, checked but not timed, extended until the bench's JIT compiler is quiet;"
            + " 0: none (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "30", description = "The longest wait"
            + " after the last send for deliveries still owed; what has not come by then counts as missing"
            + " (default: ${DEFAULT-VALUE}).")
    private int drain;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "100", description = "Payload bytes per"
            + " message (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--in-flight", defaultValue = "1000", description = "Connections connecting and joining at"
            + " once (default: ${DEFAULT-VALUE}).")
    private int inFlight;

    @Option(names = "--threads", defaultValue = "1", description = "Client event loops, one per core the bench"
            + " may use (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--latency-from", paramLabel = "write|intended", defaultValue = "write", description = "What"
            + " a message's latency counts from: the moment the bench writes it (as C load generators such as"
            + " chatload do; the bench's own lateness is reported apart, as send lag), or the moment its"
            + " schedule meant to send it (the send lag counted in) (default: ${DEFAULT-VALUE}).")
    private String latencyFrom;

    @Option(names = "--server-pid", split = ",", paramLabel = "PID[,PID...]", description = "The server's process id:"
            + " reports its CPU per delivery and its memory per connection; a cluster's nodes: every node's, summed.")
    private List<Long> serverPids;

    /** Where results go unless {@code --out} says otherwise; git ignores it in the repository. */
    static final Path RESULTS_DIR = Path.of("bench", "results");

    @Option(names = "--out", paramLabel = "FILE|DIR", description = "The JSON result file, or a directory"
            + " (existing, or given with a trailing /) to write <workload>-<protocol>-<time>.json in"
            + " (default: bench/results/, under the current directory).")
    private String out;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Draw the latency percentiles of the"
            + " result files given as arguments, then exit.")
    private Path chart;

    @Option(names = "--summary", description = "Print a table of the result files given as arguments (medians"
            + " of repeats), then exit.")
    private boolean summary;

    @Parameters(paramLabel = "RESULT.json", arity = "0..*", description = "Result files, for --chart and --summary.")
    private List<Path> results = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (chart != null || summary) {
            return readResults();
        }
        BenchSettings settings = settings();
        for (long pid : settings.serverPids()) {
            ServerProcess.commandLine(pid)
                    .flatMap(args -> ServerProcess.warning(pid, args, settings.protocol()))
                    .ifPresent(warning -> System.err.println("parley bench: warning: " + warning));
        }
        System.err.printf("parley bench %s %s (%s): %,d connections, %,d rooms, %,d senders%n", settings.workload(),
                settings.protocol().id(), settings.workload().description, settings.connections(), settings.rooms(),
                settings.senders());
        BenchResult result;
        try (BenchRun run = new BenchRun(settings, System.err)) {
            result = settings.workload().create().run(run);
        } catch (BenchException e) {
            System.err.println("parley bench: " + e.getMessage());
            return 3;
        }
        SummaryTable.print(result, System.out);
        Path file = resultFile(out, settings.workload() + "-" + settings.protocol().id() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        ResultFile.write(result, file);
        System.out.println("  result    " + file);
        return result.verdict().exitCode();
    }

    /**
     * Where a run's result goes: {@code --out} itself when it names a file; the default name in
     * it when it names a directory (one that exists, or written with a trailing separator); the
     * default name in {@link #RESULTS_DIR} without {@code --out}.
     */
    static Path resultFile(String out, String defaultName) {
        if (out == null) {
            return RESULTS_DIR.resolve(defaultName);
        }
        Path given = Path.of(out);
        if (Files.isDirectory(given) || out.endsWith("/") || out.endsWith(java.io.File.separator)) {
            return given.resolve(defaultName);
        }
        return given;
    }

    private int readResults() {
        if (results.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--chart and --summary need result files as arguments");
        }
        try {
            if (chart != null) {
                Chart.draw(results, chart);
                System.out.println("Wrote " + chart);
            }
            if (summary) {
                List<BenchResult> read = new ArrayList<>();
                for (Path file : results) {
                    read.add(ResultFile.read(file));
                }
                SummaryTable.printMedians(read, System.out);
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("parley bench: " + ResultFile.describe(e));
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }

    /** The run's settings: options checked, the workload's defaults for what was not given. */
    BenchSettings settings() {
        if (protocol == null || workload == null) {
            throw usage("--protocol and --workload are required to run (or --chart/--summary with result files)");
        }
        Protocol chosen = Arrays.stream(Protocol.values()).filter(p -> p.id().equalsIgnoreCase(protocol)).findFirst()
                .orElseThrow(() -> usage("--protocol must be one of " + Protocol.ids() + "; not " + protocol));
        int members = within("--connections", or(connections, workload.connections), 1, MAX_CONNECTIONS);
        int roomCount = within("--rooms", or(rooms, Math.min(workload.rooms, members)), 1, members);
        int senderCount = within("--senders", or(senders, workload.senders), workload.sends() ? 1 : 0,
                workload.sends() ? members : 0);
        double messages = or(rate, workload.rate);
        if (workload.sends() && (messages <= 0 || messages > MAX_RATE)) {
            throw usage("--rate must be above 0 and at most " + (long) MAX_RATE + ", not " + messages);
        }
        refuseTlsItCannotHonour(chosen, roomCount);
        if (ports != null && port != null) {
            throw usage("give --port (one server) or --ports (a cluster's nodes), not both");
        }
        List<Integer> nodePorts = ports != null ? List.copyOf(ports) : List.of(or(port, chosen.defaultPort()));
        int basePort = nodePorts.get(0);
        for (int nodePort : nodePorts) {
            int lastPort = chosen.driver().port(nodePort, roomCount - 1);
            if (nodePort < 1 || lastPort > 65535) {
                throw usage("ports " + nodePort + ".." + lastPort + " are not all valid ports");
            }
        }
        List<Long> pids = serverPids == null ? List.of() : List.copyOf(serverPids);
        for (long serverPid : pids) {
            List<String> command = ServerProcess.commandLine(serverPid).filter(args -> new CpuSampler(serverPid).readable())
                    .orElseThrow(() -> usage("no readable process " + serverPid + " (--server-pid)"));
            ServerProcess.refusal(serverPid, command, chosen).ifPresent(why -> {
                throw usage(why);
            });
        }
        Long serverPid = pids.isEmpty() ? null : pids.get(0);
        return new BenchSettings(chosen, workload, loopback(host), basePort, members, roomCount, senderCount, messages,
                Duration.ofSeconds(within("--duration", or(duration, workload.durationSeconds), 0, MAX_DURATION_SECONDS)),
                Duration.ofSeconds(within("--warmup", warmup, 0, MAX_WARMUP_SECONDS)),
                within("--size", size, 0, MAX_SIZE), within("--in-flight", inFlight, 1, MAX_CONNECTIONS),
                within("--threads", threads, 1, MAX_THREADS),
                Duration.ofSeconds(within("--drain", drain, 1, MAX_DURATION_SECONDS)), serverPid, tls(chosen), nodePorts,
                pids, LatencyFrom.byId(latencyFrom)
                        .orElseThrow(() -> usage("--latency-from must be write or intended, not " + latencyFrom)));
    }

    /**
     * Refuses a TLS run that would reach plaintext ports: the default ports are the plaintext
     * listeners', and the line protocol's rooms 2.. are on its plaintext extra listeners (its one
     * TLS port serves one room).
     */
    private void refuseTlsItCannotHonour(Protocol chosen, int roomCount) {
        if (!tls && tlsCa == null) {
            return;
        }
        if (chosen == Protocol.NATS) {
            throw usage("--tls is for Parley's protocols (line, tcd), not nats");
        }
        if (port == null) {
            throw usage("--tls needs --port: give the server's --" + chosen.id() + "-tls port (the default port, "
                    + chosen.defaultPort() + ", is plaintext)");
        }
        if (chosen == Protocol.LINE && roomCount > 1) {
            throw usage("--tls with --protocol line takes --rooms 1: the line protocol has one TLS port (--line-tls),"
                    + " serving line.room; rooms 2.. would be plaintext ports");
        }
    }

    /** The TLS of every connection, or null for plaintext; NATS is plaintext only here. */
    private BenchTls tls(Protocol chosen) {
        if (!tls && tlsCa == null) {
            return null;
        }
        if (chosen == Protocol.NATS) {
            throw usage("--tls is for Parley's protocols (line, tcd), not nats");
        }
        try {
            return BenchTls.to(host, tlsCa);
        } catch (java.io.IOException e) {
            throw usage(e.getMessage());
        }
    }

    /** The address, refused unless every address the name has is a loopback one. */
    private InetAddress loopback(String name) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            if (Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress)) {
                return addresses[0];
            }
        } catch (UnknownHostException e) {
            throw usage("unknown host " + name);
        }
        throw usage("--host must be a loopback address (127.0.0.0/8, ::1, localhost): the bench only loads this"
                + " machine, not " + name);
    }

    private int within(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw usage(option + " must be " + min + ".." + max + ", not " + value);
        }
        return value;
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
