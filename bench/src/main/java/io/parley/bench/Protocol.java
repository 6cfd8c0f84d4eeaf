package io.parley.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The protocols the bench can drive, as {@code --protocol} names them, with the port each is
 * found on by default. NATS is not served by Parley: it is there to measure a NATS server, one
 * of the servers issue 7 compares Parley with, the same way on the same machine.
 */
public enum Protocol {
    LINE(new LineDriver(), 7711),
    TCD(new TcdDriver(), 7710),
    NATS(new NatsDriver(), 4222),
    /** IRC, Parley's or a peer's (ngIRCd, InspIRCd): every room a channel of one listener. */
    IRC(new IrcDriver(), 6667),
    /** IRC over WebSocket, at {@code /socket} of Parley's web listener (IRCv3 WebSocket, one line per frame). */
    WS(new WsIrcDriver(), 8080),
    /** The IRC subset of the minimal server the bench is calibrated against (bench/calibrate.sh): no CAP, no echo. */
    IRC_SUBSET(new IrcSubsetDriver(), 6667);

    private final ProtocolDriver driver;
    private final int defaultPort;

    Protocol(ProtocolDriver driver, int defaultPort) {
        this.driver = driver;
        this.defaultPort = defaultPort;
    }

    ProtocolDriver driver() {
        return driver;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** The name used on the command line and in result files ({@code irc-subset} for IRC_SUBSET). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every protocol's id, for messages: {@code line, tcd, nats}. */
    static String ids() {
        return Arrays.stream(values()).map(Protocol::id).collect(Collectors.joining(", "));
    }
}
