package io.parley.bench;

import java.util.Arrays;

/**
 * What one member has received from each sender: the last sequence number, so a gap is a lost
 * message and a number seen again a duplicate. One per connection, confined to its event loop.
 */
final class Receipts {

    /** How strictly a member's receipts are judged. */
    enum Check {
        /**
         * A member for the whole run: it must receive every message of its room's senders, from
         * sequence 0 to the last one sent.
         */
        EXACT,
        /**
         * A member that joins and leaves while others talk: from each sender, the messages it
         * receives while a member must be consecutive (the first one received is the first sent
         * after its join, since a member receives exactly the room's events after its join).
         */
        WINDOW,
        /** A member that never reads (a slow consumer): nothing is expected of it. */
        NONE
    }

    static final long UNSEEN = Long.MIN_VALUE;

    final Check check;
    private final long[] last;
    private boolean member;

    Receipts(Check check, int senders) {
        this.check = check;
        this.last = new long[senders];
        reset();
    }

    /** A new membership: nothing received yet. */
    void joined() {
        reset();
        member = true;
    }

    void left() {
        member = false;
    }

    boolean isMember() {
        return member;
    }

    int senders() {
        return last.length;
    }

    long last(int sender) {
        return last[sender];
    }

    void received(int sender, long seq) {
        last[sender] = seq;
    }

    /**
     * For an {@link Check#EXACT} member: how many of the listed senders' messages never arrived
     * after the last one that did, given how many each sent.
     */
    long missingAtEnd(int[] roomSenders, long[] sent) {
        long missing = 0;
        for (int sender : roomSenders) {
            missing += sent[sender] - 1 - last[sender];
        }
        return missing;
    }

    private void reset() {
        // An exact member expects sequence 0 first, as if it had seen -1.
        Arrays.fill(last, check == Check.EXACT ? -1 : UNSEEN);
    }
}
