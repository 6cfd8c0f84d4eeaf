package io.parley.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What tests of multicast chat need: the loopback interface, checked to carry multicast here, and
 * a fresh group for each test. A machine where loopback multicast does not work fails these tests
 * with a message that says so and how to fix it; they are never skipped silently.
 *
 * <p>Thread-safe.
 */
public final class LoopbackMulticast {

    /** Groups handed out are 239.77.x.y (administratively scoped, RFC 2365), one per call. */
    private static final AtomicInteger NEXT_GROUP = new AtomicInteger(1);
    private static final int PROBE_TIMEOUT_MS = 5_000;
    private static volatile NetworkInterface checked;

    private LoopbackMulticast() {}

    /**
     * The loopback interface, once a datagram sent to a group on it has come back; fails the test
     * with the fix if it does not.
     */
    public static NetworkInterface require() {
        NetworkInterface loopback = checked;
        if (loopback == null) {
            loopback = probe();
            checked = loopback;
        }
        return loopback;
    }

    /** A group and port no other test of this JVM uses; the port was free when asked. */
    public static InetSocketAddress freshGroup() {
        int n = NEXT_GROUP.getAndIncrement();
        try (DatagramSocket free = new DatagramSocket(0)) {
            return new InetSocketAddress(InetAddress.getByName("239.77." + (n / 250) + "." + (1 + n % 250)),
                    free.getLocalPort());
        } catch (IOException e) {
            throw new AssertionError("no free UDP port for a test group", e);
        }
    }

    private static NetworkInterface probe() {
        NetworkInterface loopback;
        try {
            loopback = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(LoopbackMulticast::isLoopback).findFirst()
                    .orElseThrow(() -> unavailable("this machine has no loopback interface", null));
        } catch (SocketException e) {
            throw unavailable("the network interfaces cannot be listed: " + e.getMessage(), e);
        }
        InetSocketAddress group = freshGroup();
        byte[] probe = "parley multicast probe".getBytes(StandardCharsets.UTF_8);
        try (MulticastSocket receiver = new MulticastSocket(group.getPort());
                MulticastSocket sender = new MulticastSocket(0)) {
            receiver.joinGroup(new InetSocketAddress(group.getAddress(), 0), loopback);
            receiver.setSoTimeout(PROBE_TIMEOUT_MS);
            sender.setNetworkInterface(loopback);
            sender.setTimeToLive(1);
            sender.send(new DatagramPacket(probe, probe.length, group));
            DatagramPacket back = new DatagramPacket(new byte[probe.length], probe.length);
            receiver.receive(back);
            return loopback;
        } catch (SocketTimeoutException e) {
            throw unavailable("a datagram sent to " + group + " on " + loopback.getName() + " did not come back within "
                    + PROBE_TIMEOUT_MS + " ms", e);
        } catch (IOException e) {
            throw unavailable("sending to or joining " + group + " on " + loopback.getName() + " failed: " + e, e);
        }
    }

    private static boolean isLoopback(NetworkInterface candidate) {
        try {
            return candidate.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static AssertionError unavailable(String why, Throwable cause) {
        return new AssertionError("IP multicast on the loopback interface does not work on this machine ("
                + why + "), and the directory's chat tests need it. On Linux, enable it as root with "
                + "`ip link set lo up multicast on` (.ci/run sets the flag when lo lacks it).", cause);
    }
}
