package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W5, join/leave churn: a fifth of the members (the churners) join, stay a random 50-250 ms and
 * leave, over and over, while the senders talk. Members present for the whole run must receive
 * everything; a churner must receive, from each sender, an unbroken run of messages while it is
 * a member, and nothing after its leave. TCD churners leave with LEAVE_CHATROOM and join again on
 * the same connection; line churners (whose only leave is a close) reconnect.
 */
final class JoinLeaveChurn implements Workload {

    static final double CHURN_SHARE = 0.2;
    private static final int MIN_DWELL_MS = 50;
    private static final int MAX_DWELL_MS = 250;

    @Override
    public BenchResult run(BenchRun run) throws InterruptedException {
        int churners = Math.max(1, (int) (run.settings.connections() * CHURN_SHARE));
        RoomLayout layout = new RoomLayout(run.settings, 0, churners);
        Churn churn = new Churn(run);
        for (BenchMember member : layout.withRole(BenchMember.Role.CHURNER)) {
            churn.enlist(member);
            churn.first.add(member);
        }
        return TrafficRun.run(run, layout, churn);
    }

    /** The churners' loop. Its callbacks run on the churners' event loops; thread-safe. */
    private static final class Churn implements TrafficRun.Sideline {
        private final BenchRun run;
        private volatile boolean running;
        private final AtomicLong joins = new AtomicLong();
        private final AtomicLong leaves = new AtomicLong();
        private final List<BenchMember> first = new ArrayList<>();

        Churn(BenchRun run) {
            this.run = run;
        }

        void enlist(BenchMember member) {
            member.onMembership(this::joined, this::left);
        }

        @Override
        public void start() {
            running = true;
            // Their first joins came before the start: set each on its way out.
            for (BenchMember member : first) {
                member.channel().eventLoop().execute(() -> stayThenLeave(member));
            }
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public BenchResult.Counts addTo(BenchResult.Counts c) {
            return new BenchResult.Counts(c.sent(), c.expected(), c.delivered(), c.lost(), c.missing(), c.duplicated(),
                    c.unexpected(), c.windowDelivered(), c.others(), c.refused(), c.joins() + joins.get(),
                    leaves.get(), c.slowDropped(), c.disconnected());
        }

        private void joined(BenchMember member) {
            if (running) {
                joins.incrementAndGet();
                stayThenLeave(member);
            }
        }

        private void stayThenLeave(BenchMember member) {
            int dwell = ThreadLocalRandom.current().nextInt(MIN_DWELL_MS, MAX_DWELL_MS + 1);
            member.channel().eventLoop().schedule(() -> leave(member), dwell, TimeUnit.MILLISECONDS);
        }

        private void leave(BenchMember member) {
            if (!member.channel().isActive()) {
                return;
            }
            leaves.incrementAndGet();
            if (!member.requestLeave()) {
                // The line protocol: leaving is closing; a new connection joins again.
                member.channel().close();
                if (running) {
                    BenchMember again = new BenchMember(member.index, member.room, member.role,
                            member.receipts.senders(), run.driver);
                    enlist(again);
                    run.fleet.join(again);
                }
            }
        }

        private void left(BenchMember member) {
            if (running && member.channel().isActive()) {
                member.requestJoin();
            }
        }
    }
}
