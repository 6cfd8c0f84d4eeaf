package io.parley.client.directory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which network interface a room's multicast goes out of and is joined on (spec: configurable;
 * by default the loopback interface when the directory server's address is a loopback address,
 * otherwise the system's choice). Without pinning, Linux sends multicast out of the
 * default-route interface, so two clients on one host that talk to a server on localhost would
 * depend on the machine's network. Stateless.
 */
final class MulticastInterfaces {

    private MulticastInterfaces() {}

    /**
     * The interface named by {@code option} (a name such as {@code lo}, or one of its addresses),
     * else the loopback interface if {@code directoryServer} is a loopback address, else empty:
     * the system's choice.
     */
    static Optional<NetworkInterface> choose(Optional<String> option, InetAddress directoryServer) throws IOException {
        if (option.isPresent()) {
            return Optional.of(named(option.get()));
        }
        if (directoryServer.isLoopbackAddress()) {
            return Optional.of(loopback());
        }
        return Optional.empty();
    }

    private static NetworkInterface named(String nameOrAddress) throws IOException {
        NetworkInterface named = NetworkInterface.getByName(nameOrAddress);
        // Only a literal is taken as an address: a mistyped name must not become a DNS lookup.
        if (named == null && nameOrAddress.matches("[0-9.]+|.*:.*")) {
            named = NetworkInterface.getByInetAddress(InetAddress.getByName(nameOrAddress));
        }
        if (named == null) {
            throw new SocketException("no network interface " + nameOrAddress + " (this host has " + names() + ")");
        }
        return named;
    }

    private static NetworkInterface loopback() throws SocketException {
        for (NetworkInterface candidate : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (candidate.isLoopback()) {
                return candidate;
            }
        }
        throw new SocketException("this host has no loopback interface; choose one with --interface");
    }

    private static String names() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .map(NetworkInterface::getName).sorted().collect(Collectors.joining(", "));
    }
}
