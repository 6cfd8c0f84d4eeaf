package io.parley.protocol.irc;

import io.parley.core.account.PrivateMessage;
import io.parley.core.account.Recipient;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An IRC user as the server's {@link io.parley.core.account.Presence} knows it, under one name
 * (a nick change enters a new one): private messages from other protocols arrive through it as
 * {@code PRIVMSG} ({@link IrcPrivateMessages#render}). An IRC client has no key of the account
 * protocol's end-to-end encryption, so {@link #publicKey} is empty and account clients write to
 * it in clear. Thread-safe: every method hands its work to the connection's loop.
 */
final class IrcRecipient implements Recipient {

    private final IrcServer server;
    private final IrcSession session;
    private final String name;
    /** Ends the connection with a reason, on its loop. */
    private final Consumer<String> end;

    IrcRecipient(IrcServer server, IrcSession session, String name, Consumer<String> end) {
        this.server = server;
        this.session = session;
        this.name = name;
        this.end = end;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> publicKey() {
        return Optional.empty();
    }

    @Override
    public String guest() {
        return IrcConversations.party(session, name).guest();
    }

    @Override
    public void deliver(PrivateMessage message) {
        for (IrcDirect line : IrcPrivateMessages.render(server, session, message)) {
            session.member().pushMessage(line);
        }
    }

    @Override
    public void replaced() {
        end.accept("Logged in elsewhere as " + name);
    }

    @Override
    public void nameRegistered(String registeredName) {
        end.accept("Your nickname was just registered by its owner; reconnect with another nickname");
    }
}
