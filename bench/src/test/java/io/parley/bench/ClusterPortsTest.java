package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --ports}: a cluster's nodes on this machine. Every room has members on every node and
 * the senders are spread over the nodes, so messages cross between nodes; {@code --port} and
 * {@code --ports} together are refused.
 */
class ClusterPortsTest {

    private final StringWriter err = new StringWriter();

    private BenchSettings settings(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void membersOfEveryRoomAndTheSendersAreSpreadOverTheNodes() {
        BenchSettings settings = settings("--protocol", "tcd", "--workload", "W4", "--ports", "27910,27911,27912",
                "--connections", "60", "--rooms", "10", "--senders", "10");
        assertThat(settings.nodePorts()).containsExactly(27910, 27911, 27912);
        RoomLayout layout = new RoomLayout(settings, 0, 0);
        for (int room = 0; room < 10; room++) {
            Set<Integer> nodes = new HashSet<>();
            for (int member = room; member < 60; member += 10) {
                nodes.add(settings.nodeOf(member));
            }
            assertThat(nodes).as("room " + room).containsExactlyInAnyOrder(0, 1, 2);
        }
        Set<Integer> senderNodes = new HashSet<>();
        for (int room = 0; room < 10; room++) {
            for (int sender : layout.senders(room)) {
                senderNodes.add(settings.nodeOf(sender));
            }
        }
        assertThat(senderNodes).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void oneServerIsOneNode() {
        BenchSettings settings = settings("--protocol", "tcd", "--workload", "W3", "--port", "27910");
        assertThat(settings.nodePorts()).isEqualTo(List.of(27910));
        assertThat(settings.nodeOf(7)).isZero();
    }

    @Test
    void portAndPortsTogetherAreRefused() {
        int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true))
                .execute("--protocol", "tcd", "--workload", "W3", "--port", "1", "--ports", "2,3");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElse(""))
                .isEqualTo("give --port (one server) or --ports (a cluster's nodes), not both");
    }
}
