package io.parley.core.account;

/**
 * Port: what the nodes of a cluster tell each other about the users online (NATS in the
 * {@code cluster} module): a private message for a recipient another node holds, a login that
 * replaced another node's login of a name, a name just registered, and a name coming online or
 * going offline (for IRC's MONITOR; a node that dies tells nothing). Delivery is at most
 * once: a private message is stored before it is sent here, so a lost one is in its recipient's
 * history; a lost registration notice leaves a node evicting the name's unowned holders only
 * when it restarts.
 *
 * <p>Thread-safe; no method blocks. The {@link Listener} is called on the link's own thread and
 * must not block either.
 */
public interface PresenceLink {

    /** What another node says. */
    interface Listener {
        /** A stored private message for a recipient this node holds. */
        void privateMessage(PrivateMessage message);

        /**
         * A private message from a node of the first cluster release, which knew no guest tokens
         * (its {@code toGuest} is empty whoever it is for): for this node's recipient of its name,
         * guest or not, as then.
         */
        void privateMessageByName(PrivateMessage message);

        /** A login on another node took {@code name}, which this node held under {@code token}. */
        void replaced(String name, long token);

        /** {@code name} was just registered on another node. */
        void registered(String name);

        /** {@code name} came online ({@code true}) or went offline on another node, {@code node}. */
        void presence(String node, String name, boolean online);
    }

    /** Sends a stored private message to {@code node}, which holds its recipient. */
    void privateMessage(String node, PrivateMessage message);

    /** Tells {@code node} that its hold {@code token} of {@code name} was taken by a login elsewhere. */
    void replaced(String node, String name, long token);

    /** Tells every other node that {@code name} was just registered here. */
    void registered(String name);

    /** Tells every other node that {@code name} came online ({@code true}) or went offline here. */
    void presence(String name, boolean online);

    /** From now on, what other nodes say goes to {@code listener}. */
    void listen(Listener listener);
}
