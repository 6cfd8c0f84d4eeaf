package io.parley.client.directory;

import io.parley.client.ClientTls;
import io.parley.core.text.Text;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A directory server's {@code getdir} reply and the connection it came on. {@link #open} makes
 * sure that what answers is a directory server before anyone calls it connected: one answers
 * {@code getdir} with {@code OK <n>} and its rows at once (spec: {@code shared/specs/directory.md});
 * silence (a line or TCD port), another protocol's line (an account server's {@code C ERR}) or a
 * close is refused with a hint at the right port. Immutable; the connection is the caller's.
 *
 * @param connection the connection, open
 * @param reply the {@code getdir} reply, with its rows
 */
record DirectoryListing(CrdsConnection connection, CrdsReply reply) {

    /**
     * Connects to {@code host:port} and asks {@code getdir}, waiting at most {@code timeout} for
     * each line; on failure the connection is closed and the exception says why.
     */
    static DirectoryListing open(String host, int port, ClientTls tls, CrdsConnection.Listener listener,
            Duration timeout) throws DirectoryUnavailableException {
        String address = host + ":" + port;
        CrdsConnection opened;
        try {
            opened = CrdsConnection.open(host, port, tls, listener);
        } catch (IOException e) {
            throw new DirectoryUnavailableException("Cannot connect to " + address + ": " + e.getMessage());
        }
        String problem;
        try {
            CrdsReply reply = opened.request("getdir", timeout);
            reply.rooms(); // every row must read as a room
            if (reply.ok()) {
                return new DirectoryListing(opened, reply);
            }
            problem = "The directory server at " + address + " answered getdir with " + reply.readable() + ".";
        } catch (SocketTimeoutException e) {
            problem = notADirectoryServer("no reply from " + address);
        } catch (MalformedReplyException e) {
            problem = notADirectoryServer("unexpected reply from " + address + " (" + Text.clean(e.getMessage(), false)
                    + ")");
        } catch (IOException e) {
            problem = opened.endReason()
                    .map(reason -> "The directory server at " + address + " " + reason + ".")
                    .orElse(notADirectoryServer(address + " closed the connection without a reply"));
        }
        try {
            opened.close();
        } catch (IOException ignored) {
            // nothing to do about a socket that does not close cleanly
        }
        throw new DirectoryUnavailableException(problem);
    }

    private static String notADirectoryServer(String what) {
        return what + "; is this Parley's directory port (default " + DirectoryClientSettings.DEFAULT_PORT + ")?";
    }
}
