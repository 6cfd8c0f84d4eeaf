package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.ERR_NICKNAMEINUSE;
import static io.parley.protocol.irc.IrcNumerics.ERR_UNAVAILRESOURCE;

import io.parley.core.account.Presence;
import io.parley.core.text.NameKeys;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Who an IRC user is across the server: its nick held in the server's one
 * {@link io.parley.core.account.Presence}, so a nick is unique over IRC, account, line and TCD
 * users (docs/irc.md, "Nicks and accounts"), and the account it logged in to with SASL.
 * <ul>
 *   <li>A name no account owns is entered with {@code enterUnowned} when the client asks for it
 *       ({@code NICK}); it is refused ({@code 433}) while anyone is present under it or a line or
 *       TCD user chats under it, and the name's registration later evicts the user.</li>
 *   <li>A registered name (or a look-alike) is its owner's: {@code 433} for anyone else. Before
 *       registration, while CAP negotiation holds it, the nick is kept provisionally so that a
 *       client sending {@code NICK} before its SASL login (irssi, WeeChat) can still take its
 *       account's name; registration completes with it only if the login was that account's.
 *       The owner is entered with {@code enter}, which replaces (and ends) any other login of
 *       that name, as a second account-protocol login does.</li>
 * </ul>
 * A user logged in to account {@code A} may keep another nick; it is then reachable by that
 * nick only, and its messages carry {@code account=A}.
 *
 * <p>Event-loop only; one per connection.
 */
final class IrcIdentity {

    /** The capabilities this class implements, offered by the server. */
    static void offer(Map<String, String> caps) {
        caps.put(IrcCapabilities.ACCOUNT_NOTIFY, "");
        caps.put(IrcCapabilities.ACCOUNT_TAG, "");
        caps.put(IrcCapabilities.SASL, IrcSaslExchange.MECHANISMS);
        caps.put(IrcCapabilities.SETNAME, "");
    }

    private final IrcServer server;
    private final IrcSession session;
    private final List<Object> out;
    /** Ends the connection with a reason, from any thread. */
    private final Consumer<String> end;

    IrcIdentity(IrcServer server, IrcSession session, List<Object> out, Consumer<String> end) {
        this.server = server;
        this.session = session;
        this.out = out;
        this.end = end;
    }

    /** Whether this user logged in to the account that owns {@code name}. */
    boolean owns(String name) {
        String account = session.account();
        return account != null && NameKeys.key(account).equals(NameKeys.key(name));
    }

    /**
     * Gives the session {@code nick} (standing for {@code name}), or adds the {@code 433} that
     * refuses it: whether it did. The caller has checked the nick's form. A name no account owns
     * is claimed in a cluster's directory off the loop (held meanwhile but reaching nobody:
     * {@link IrcServer#user}; {@code 437} if the directory cannot answer now), and the stage completes on {@code loop}
     * once it has answered (the connection's cleanup waits for the command: a nick taken meanwhile
     * is given back then); otherwise, as on a single node, it is complete when returned.
     */
    CompletionStage<Boolean> take(String nick, String name, Executor loop) {
        boolean sameName = session.name() != null && NameKeys.key(session.name()).equals(NameKeys.key(name));
        if (sameName) {
            session.rename(nick, name); // a change of case: the same name, the same presence
            return TAKEN;
        }
        boolean registered = server.names.isRegistered(name);
        boolean provisional = registered && !owns(name) && !session.isRegistered() && session.caps.holdsRegistration();
        if (registered && !owns(name) && !provisional) {
            refuse(nick, "Nickname is registered to an account; log in with SASL to use it");
            return REFUSED;
        }
        if (!server.take(name, session)) {
            refuse(nick, "Nickname is already in use");
            return REFUSED;
        }
        if (provisional) {
            taken(nick, name, null);
            return TAKEN;
        }
        IrcRecipient recipient = new IrcRecipient(server, session, name, end);
        if (owns(name)) {
            server.presence.enter(recipient);
            taken(nick, name, recipient);
            return TAKEN;
        }
        return server.presence.enterUnownedAsync(recipient).thenApplyAsync(entry -> {
            if (entry == Presence.Entry.ENTERED) {
                taken(nick, name, recipient);
                return true;
            }
            server.release(name, session);
            if (entry == Presence.Entry.UNAVAILABLE) {
                // The cluster's directory could not say now (away, or too many waiting): the
                // nick may well be free, so not 433 but the "try again" real servers send.
                out.add(server.replies.numeric(ERR_UNAVAILRESOURCE, session.nick(), nick, "Nick is temporarily unavailable"));
            } else {
                // Registered on another node that this one had not heard of yet: the same
                // refusal as when it had.
                refuse(nick, server.names.isRegistered(name)
                        ? "Nickname is registered to an account; log in with SASL to use it" : "Nickname is already in use");
            }
            return false;
        }, loop);
    }

    private static final CompletionStage<Boolean> TAKEN = CompletableFuture.completedFuture(true);
    private static final CompletionStage<Boolean> REFUSED = CompletableFuture.completedFuture(false);

    /** The session's nick is now {@code nick}, present as {@code recipient} (null while provisional). */
    private void taken(String nick, String name, IrcRecipient recipient) {
        leave();
        session.recipient = recipient;
        session.rename(nick, name);
    }

    /**
     * At registration: a nick kept provisionally (a registered name) is entered now if the user
     * logged in to its account; otherwise it is refused with {@code 433} and forgotten, and the
     * client must send another NICK. Whether registration may go on.
     */
    boolean settle() {
        if (session.recipient != null || session.name() == null) {
            return true;
        }
        String nick = session.nick();
        String name = session.name();
        IrcRecipient recipient = owns(name) ? enter(name) : null;
        if (recipient == null) {
            server.release(name, session);
            session.forgetNick();
            refuse(nick, "Nickname is registered to an account; log in with SASL to use it");
            return false;
        }
        session.recipient = recipient;
        return true;
    }

    /** Gives up the nick's presence and the IRC user table's entry (the connection ends). */
    void leave() {
        IrcRecipient before = session.recipient;
        if (before != null) {
            server.presence.leave(before);
            session.recipient = null;
        }
        if (session.name() != null) {
            server.release(session.name(), session);
        }
    }

    private IrcRecipient enter(String name) {
        IrcRecipient recipient = new IrcRecipient(server, session, name, end);
        if (owns(name)) {
            server.presence.enter(recipient);
            return recipient;
        }
        return server.presence.enterUnowned(recipient) ? recipient : null;
    }

    private void refuse(String nick, String why) {
        out.add(server.replies.numeric(ERR_NICKNAMEINUSE, session.nick(), nick, why));
    }
}
