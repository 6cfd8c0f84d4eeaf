package io.parley.server;

import io.parley.protocol.ProtocolModule;
import io.parley.protocol.account.AccountModule;
import io.parley.protocol.directory.DirectoryModule;
import io.parley.protocol.irc.IrcModule;
import io.parley.protocol.line.LineModule;
import io.parley.protocol.tcd.TcdModule;
import io.parley.protocol.web.WebModule;
import java.util.List;

/**
 * The protocols this server speaks: the one list a new protocol joins. Everything else (its
 * settings and flags, binding, TLS, status lines, port names, metrics, readiness) follows from
 * its {@link ProtocolModule}. The order is the order listeners are bound and their status lines
 * printed.
 */
final class ProtocolModules {

    static final List<ProtocolModule<?>> ALL = List.of(
            new TcdModule(),
            new LineModule(),
            new AccountModule(),
            new DirectoryModule(),
            new IrcModule(),
            new WebModule());

    private ProtocolModules() {}
}
