package io.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Ports for servers a test starts as processes, which cannot be told to take port 0 and say which. */
final class FreePort {

    private FreePort() {}

    /** A port of 127.0.0.1 free a moment ago (another process could take it before the server does). */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something accepts connections on {@code port} of 127.0.0.1 now. */
    static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until {@code port} accepts ({@code up}) or refuses connections, polling: a process
     * that starts or stops gives nothing else to wait on.
     */
    static void await(int port, boolean up, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepting(port) != up) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not " + (up ? "start" : "stop") + " within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
