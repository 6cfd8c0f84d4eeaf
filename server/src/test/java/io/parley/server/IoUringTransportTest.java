package io.parley.server;

import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * {@code transport = io_uring}: many clients talking at once in one room, as on the default
 * transport ({@link TcdManyClientsTest}): nobody misses a message, everybody sees one order.
 * Skipped where the kernel or the container refuses io_uring.
 */
@EnabledIf("ioUringAvailable")
class IoUringTransportTest extends TcdManyClientsTest {

    static boolean ioUringAvailable() {
        return IoUring.isAvailable();
    }

    @Override
    ParleyExtension server() {
        return ParleyExtension.withConfig(ServerConfig.TRANSPORT, "io_uring");
    }
}
