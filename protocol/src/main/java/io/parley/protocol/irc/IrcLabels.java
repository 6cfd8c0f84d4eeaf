package io.parley.protocol.irc;

import java.util.List;
import java.util.Map;

/**
 * IRCv3 {@code labeled-response} for one connection: a command sent with a {@code label} tag
 * (by a client that enabled the capability) gets its replies labeled once it is done: none is an
 * {@code ACK}, one carries the label, several come in a {@code labeled-response} batch whose start
 * carries it (or unlabeled, for a client without {@code batch}). While a labeled command is in
 * progress its replies are held, so that a command that completes later (JOIN, CHATHISTORY) is
 * labeled whole. The echo of a labeled message to a channel ({@code echo-message}) comes back
 * through the room and carries the label itself ({@link #takeForEcho}); the joiner's own JOIN, a
 * room event too, is held with the replies ({@link #capture}).
 *
 * <p>Event-loop only; one per connection.
 */
final class IrcLabels {

    static final String TAG = "label";
    /** The longest label accepted (IRCv3: clients should keep them under 64 bytes). */
    static final int MAX_LABEL_BYTES = 64;

    private String label;
    private boolean echoed;
    /** Room events of the command in progress that belong in its reply (the joiner's own JOIN). */
    private final List<IrcMessage> captured = new java.util.ArrayList<>();

    /** Starts a command: remembers its label if it has one and the client asked for labels. */
    void start(IrcMessage command, IrcSession session) {
        label = wanted(command, session) ? command.tags().get(TAG) : null;
        echoed = false;
    }

    /** Whether {@code command}'s replies are to be labeled: it has a label and the client asked for labels. */
    static boolean wanted(IrcMessage command, IrcSession session) {
        String given = command.tags().get(TAG);
        return given != null && !given.isEmpty() && IrcLimits.utf8Length(given) <= MAX_LABEL_BYTES
                && session.has(IrcCapabilities.LABELED_RESPONSE);
    }

    /**
     * Takes the label of the command in progress away (its replies go unlabeled, no ACK), for a
     * command that is answered later by another: a multiline batch's start, answered at its end.
     */
    String setAside() {
        String current = label;
        label = null;
        return current;
    }

    /** Makes {@code given} (from {@link #setAside}, may be null) the label of the command in progress. */
    void resume(String given) {
        label = given;
        echoed = false;
    }

    /** Whether replies are being held for a labeled command in progress. */
    boolean holding() {
        return label != null;
    }

    /** Keeps {@code message}, a room event answering the labeled command in progress, for its reply. */
    void capture(IrcMessage message) {
        captured.add(message);
    }

    /** The label for the echo of the command in progress, once; null if none or taken. */
    String takeForEcho() {
        if (label == null || echoed) {
            return null;
        }
        echoed = true;
        return label;
    }

    /** Ends the command in progress: labels the replies queued in {@code out}, in place. */
    void finish(List<Object> out, IrcSession session, IrcBatches batches, String server) {
        String current = label;
        label = null;
        if (!captured.isEmpty()) {
            out.addAll(0, captured);
            captured.clear();
        }
        if (current == null || echoed) {
            return;
        }
        if (out.isEmpty()) {
            out.add(new IrcMessage(Map.of(TAG, current), server, "ACK", List.of()));
        } else if (out.size() == 1) {
            out.set(0, IrcBatches.withTag(out.get(0), TAG, current));
        } else if (session.has(IrcCapabilities.BATCH)) {
            List<Object> wrapped = batches.wrap(server, Map.of(TAG, current), "labeled-response", List.of(), List.copyOf(out));
            out.clear();
            out.addAll(wrapped);
        }
    }
}
