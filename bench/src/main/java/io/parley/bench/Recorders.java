package io.parley.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One {@link Recorder} per event loop of the run, and the way to read them: every read runs on
 * the recorder's own loop, so recording needs no lock and reading sees everything recorded
 * before it. Thread-safe; the read methods block and must not be called on an event loop.
 */
final class Recorders {

    private static final long READ_TIMEOUT_SECONDS = 30;

    private final Map<EventExecutor, Recorder> byLoop = new IdentityHashMap<>();

    Recorders(EventLoopGroup group, long epochNanos) {
        for (EventExecutor loop : group) {
            byLoop.put(loop, new Recorder(epochNanos));
        }
    }

    /** The recorder of {@code loop}; use it only on that loop. */
    Recorder of(EventExecutor loop) {
        return byLoop.get(loop);
    }

    /** The counts of every loop, added up. */
    Recorder.Tally tally() {
        Recorder.Tally total = new Recorder.Tally();
        onEachLoop(Recorder::tally).forEach(total::add);
        return total;
    }

    /** A new recorder holding every loop's histograms and counts. */
    Recorder total() {
        Recorder total = new Recorder(0);
        onEachLoop(recorder -> {
            Recorder copy = new Recorder(0);
            recorder.addTo(copy);
            return copy;
        }).forEach(copy -> copy.addTo(total));
        return total;
    }

    /** Runs {@code task} with each loop's recorder, on that loop, and waits for all. */
    void forEachLoop(Consumer<Recorder> task) {
        onEachLoop(recorder -> {
            task.accept(recorder);
            return null;
        });
    }

    /** Runs {@code task} on each member's loop, with that loop's recorder, and waits for all. */
    void forEachMember(List<BenchMember> members, BiConsumer<BenchMember, Recorder> task) {
        List<Future<?>> pending = new ArrayList<>();
        for (BenchMember member : members) {
            if (member.channel() != null) {
                EventExecutor loop = member.channel().eventLoop();
                pending.add(loop.submit(() -> task.accept(member, byLoop.get(loop))));
            }
        }
        pending.forEach(Recorders::await);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the recorders", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read an event loop's recorder", e);
        }
    }

    private <T> List<T> onEachLoop(Function<Recorder, T> task) {
        List<Future<T>> pending = new ArrayList<>();
        byLoop.forEach((loop, recorder) -> pending.add(loop.submit(() -> task.apply(recorder))));
        List<T> results = new ArrayList<>();
        for (Future<T> future : pending) {
            results.add(await(future));
        }
        return results;
    }
}
