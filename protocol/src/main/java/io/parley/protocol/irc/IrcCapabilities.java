package io.parley.protocol.irc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IRCv3 capabilities a server offers: names and their {@code CAP LS 302} values. Immutable
 * and thread-safe; one instance is shared by every connection, and each connection's
 * {@link IrcCapNegotiation} keeps its own copy of what is offered to it (which cap-notify may change).
 */
public final class IrcCapabilities {

    public static final String CAP_NOTIFY = "cap-notify";
    public static final String MESSAGE_TAGS = "message-tags";
    public static final String SERVER_TIME = "server-time";
    public static final String ECHO_MESSAGE = "echo-message";
    public static final String BATCH = "batch";
    public static final String LABELED_RESPONSE = "labeled-response";
    public static final String MULTI_PREFIX = "multi-prefix";
    public static final String USERHOST_IN_NAMES = "userhost-in-names";
    public static final String EXTENDED_JOIN = "extended-join";
    public static final String AWAY_NOTIFY = "away-notify";
    public static final String ACCOUNT_NOTIFY = "account-notify";
    public static final String ACCOUNT_TAG = "account-tag";
    public static final String SETNAME = "setname";
    public static final String STANDARD_REPLIES = "standard-replies";
    public static final String SASL = "sasl";
    public static final String CHATHISTORY = "draft/chathistory";
    public static final String MESSAGE_REDACTION = "draft/message-redaction";

    private final Map<String, String> offered;

    /** @param offered capability names to their values ({@code ""} for none), in the order they are listed */
    public IrcCapabilities(Map<String, String> offered) {
        this.offered = Collections.unmodifiableMap(new LinkedHashMap<>(offered));
    }

    /** Everything issue 14 asks for, SASL offering PLAIN only. */
    public static IrcCapabilities parley() {
        Map<String, String> caps = new LinkedHashMap<>();
        for (String cap : new String[] {ACCOUNT_NOTIFY, ACCOUNT_TAG, AWAY_NOTIFY, BATCH, CAP_NOTIFY, CHATHISTORY,
            ECHO_MESSAGE, EXTENDED_JOIN, LABELED_RESPONSE, MESSAGE_TAGS, MULTI_PREFIX}) {
            caps.put(cap, "");
        }
        caps.put(SASL, "PLAIN");
        for (String cap : new String[] {SERVER_TIME, SETNAME, STANDARD_REPLIES, USERHOST_IN_NAMES}) {
            caps.put(cap, "");
        }
        return new IrcCapabilities(caps);
    }

    /** Names to values, in listing order. */
    public Map<String, String> offered() {
        return offered;
    }
}
