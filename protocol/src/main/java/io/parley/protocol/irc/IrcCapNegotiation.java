package io.parley.protocol.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One connection's capability negotiation (IRCv3 Capability Negotiation, CAP version 302): what
 * it is offered, what it has enabled, which CAP version it spoke, and whether registration waits
 * for its {@code CAP END}.
 *
 * <ul>
 *   <li>{@code CAP LS [version]}: the offered capabilities; with version 302 or more, their values
 *       ({@code sasl=PLAIN}) and, when they do not fit one line, several lines, all but the last
 *       marked {@code *}; an older client always gets one line and no values. Version 302
 *       enables {@code cap-notify} implicitly, for good.</li>
 *   <li>{@code CAP REQ :a -b c}: all or nothing. Every name must be offered ({@code -name}
 *       disables); then all change and the reply is {@code ACK} with the request as sent, else
 *       nothing changes and the reply is {@code NAK} with the request as sent.</li>
 *   <li>{@code CAP LIST}: the enabled capabilities. {@code CAP END}: registration may go on.</li>
 *   <li>{@code LS} or {@code REQ} before registration hold it until {@code END}; a client that
 *       never sends CAP registers as before (old clients skip negotiation).</li>
 *   <li>{@link #offer} and {@link #withdraw}: {@code CAP NEW} and {@code CAP DEL} for a client
 *       with cap-notify, when the server starts or stops offering something.</li>
 * </ul>
 *
 * <p>Not thread-safe: one per connection, used on its event loop.
 */
public final class IrcCapNegotiation {

    /** The CAP version a client speaks when it sends {@code CAP LS} without one, or never does. */
    public static final int DEFAULT_VERSION = 301;
    public static final int VERSION_302 = 302;

    private final String server;
    private final Map<String, String> offered;
    private final Set<String> enabled = new LinkedHashSet<>();
    /** Bumped whenever {@link #enabled} changes, so that a reader can keep what it derived from it ({@link #changes}). */
    private int changes;
    private int version = DEFAULT_VERSION;
    private boolean holdsRegistration;
    private boolean registered;

    /** @param server the server name the CAP replies come from */
    public IrcCapNegotiation(String server, IrcCapabilities capabilities) {
        this.server = server;
        this.offered = new LinkedHashMap<>(capabilities.offered());
    }

    /** The connection has registered: from now on CAP never holds anything. */
    public void registered() {
        registered = true;
        holdsRegistration = false;
    }

    /** Whether registration must wait: {@code LS} or {@code REQ} came and {@code END} not yet. */
    public boolean holdsRegistration() {
        return holdsRegistration;
    }

    public boolean isEnabled(String capability) {
        return enabled.contains(capability);
    }

    /**
     * How many times the enabled set has changed: what a reader derived from {@link #isEnabled}
     * still holds while this is the same (the event encoder's per-delivery form).
     */
    public int changes() {
        return changes;
    }

    /** The enabled capabilities, in the order they were enabled. */
    public Set<String> enabled() {
        return Collections.unmodifiableSet(enabled);
    }

    /** The highest CAP version the client asked for ({@link #DEFAULT_VERSION} if none). */
    public int version() {
        return version;
    }

    /**
     * The replies to one {@code CAP} command from the client whose nick is {@code nick}
     * ({@code *} before it has one). A missing subcommand is {@code 461}, an unknown one {@code 410}.
     */
    public List<IrcMessage> handle(IrcMessage cap, String nick) {
        String subcommand = cap.param(0);
        if (subcommand == null) {
            return List.of(IrcMessage.from(server, IrcNumerics.ERR_NEEDMOREPARAMS, nick, "CAP", "Not enough parameters"));
        }
        return switch (subcommand.toUpperCase(Locale.ROOT)) {
            case "LS" -> ls(cap.param(1), nick);
            case "LIST" -> list(nick);
            case "REQ" -> req(cap.param(1) == null ? "" : cap.param(1), nick);
            case "END" -> {
                holdsRegistration = false;
                yield List.of();
            }
            default -> List.of(IrcMessage.from(server, IrcNumerics.ERR_INVALIDCAPCMD, nick, subcommand,
                    "Invalid CAP command"));
        };
    }

    private List<IrcMessage> ls(String requestedVersion, String nick) {
        holdsRegistration = !registered;
        if (requestedVersion != null && requestedVersion.matches("[0-9]{1,9}")) {
            version = Math.max(version, Integer.parseInt(requestedVersion));
        }
        if (version >= VERSION_302 && offered.containsKey(IrcCapabilities.CAP_NOTIFY)) {
            enabled.add(IrcCapabilities.CAP_NOTIFY);
            changes++;
        }
        List<String> listed = new ArrayList<>();
        offered.forEach((name, value) -> listed.add(version >= VERSION_302 && !value.isEmpty() ? name + "=" + value : name));
        return lines("LS", nick, listed);
    }

    private List<IrcMessage> list(String nick) {
        return lines("LIST", nick, new ArrayList<>(enabled));
    }

    private List<IrcMessage> req(String request, String nick) {
        holdsRegistration = !registered;
        List<String> names = List.of(request.trim().split(" +"));
        boolean acceptable = !request.isBlank();
        for (String name : names) {
            boolean disable = name.startsWith("-");
            String cap = disable ? name.substring(1) : name;
            if (!offered.containsKey(cap)
                    || (disable && cap.equals(IrcCapabilities.CAP_NOTIFY) && version >= VERSION_302)) {
                acceptable = false;
            }
        }
        if (!acceptable) {
            return List.of(IrcMessage.from(server, "CAP", nick, "NAK", request));
        }
        for (String name : names) {
            if (name.startsWith("-")) {
                enabled.remove(name.substring(1));
            } else {
                enabled.add(name);
            }
        }
        changes++;
        return List.of(IrcMessage.from(server, "CAP", nick, "ACK", request));
    }

    /**
     * The server starts offering {@code capability}: {@code CAP NEW} for a client with
     * cap-notify, nothing for the others (they see it in their next {@code CAP LS}).
     */
    public List<IrcMessage> offer(String capability, String value, String nick) {
        offered.put(capability, value);
        if (!enabled.contains(IrcCapabilities.CAP_NOTIFY)) {
            return List.of();
        }
        return lines("NEW", nick, List.of(version >= VERSION_302 && !value.isEmpty() ? capability + "=" + value : capability));
    }

    /**
     * The server stops offering {@code capability}: it is disabled, and a client with cap-notify
     * is sent {@code CAP DEL}.
     */
    public List<IrcMessage> withdraw(String capability, String nick) {
        if (offered.remove(capability) == null) {
            return List.of();
        }
        enabled.remove(capability);
        changes++;
        if (!enabled.contains(IrcCapabilities.CAP_NOTIFY)) {
            return List.of();
        }
        return lines("DEL", nick, List.of(capability));
    }

    /**
     * {@code CAP <nick> <subcommand> [*] :<names>} lines within the line limit. A client of
     * version 302 may get several, every line but the last marked {@code *}; an older one gets
     * exactly one (the specification lets only 302 clients get more, and irctest checks it), so
     * names that do not fit are left out of it.
     */
    private List<IrcMessage> lines(String subcommand, String nick, List<String> names) {
        boolean multiline = version >= VERSION_302;
        List<IrcMessage> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String name : names) {
            String candidate = current.length() == 0 ? name : current + " " + name;
            if (fits(subcommand, nick, candidate)) {
                current = new StringBuilder(candidate);
            } else if (multiline && current.length() > 0) {
                lines.add(line(subcommand, nick, current.toString(), true));
                current = new StringBuilder(name);
            }
        }
        lines.add(line(subcommand, nick, current.toString(), false));
        return lines;
    }

    private boolean fits(String subcommand, String nick, String names) {
        return line(subcommand, nick, names, true).bodyBytes() <= IrcLimits.MAX_BODY_BYTES;
    }

    private IrcMessage line(String subcommand, String nick, String names, boolean more) {
        return more && version >= VERSION_302
                ? IrcMessage.from(server, "CAP", nick, subcommand, "*", names)
                : IrcMessage.from(server, "CAP", nick, subcommand, names);
    }
}
