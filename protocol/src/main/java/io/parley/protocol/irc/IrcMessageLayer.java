package io.parley.protocol.irc;

import java.util.List;

/**
 * What the IRCv3 message layer and history add to a server's offer: their capabilities and 005
 * tokens (docs/irc.md). Thread-safe (constants).
 */
final class IrcMessageLayer {

    private IrcMessageLayer() {}

    /** Offered on top of the listener's own capabilities. */
    static final List<String> CAPABILITIES = List.of(IrcCapabilities.MESSAGE_TAGS, IrcCapabilities.BATCH,
            IrcCapabilities.LABELED_RESPONSE, IrcCapabilities.CHATHISTORY, IrcCapabilities.STANDARD_REPLIES,
            IrcCapabilities.MESSAGE_REDACTION);

    static void isupport(IrcIsupport isupport) {
        isupport.add("CHATHISTORY", Integer.toString(IrcChathistory.LIMIT))
                .add("MSGREFTYPES", "msgid,timestamp")
                .add("MONITOR", Integer.toString(IrcMonitor.LIMIT))
                .add("WHOX");
    }
}
