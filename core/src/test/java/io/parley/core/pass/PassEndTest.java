package io.parley.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Deferring to the end of a thread's pass: what the store's hand-over and the bus's completions rely on. */
class PassEndTest {

    @Test
    void aThreadThatDoesNotWorkInPassesDefersNothing() throws Exception {
        List<String> ran = new ArrayList<>();
        boolean deferred = onNewThread(() -> PassEnd.defer(() -> ran.add("action")));

        assertThat(deferred).isFalse();
        assertThat(ran).isEmpty();
    }

    @Test
    void whatAPassDefersRunsInOrderWhenItEndsAndNothingIsDeferredBetweenPasses() throws Exception {
        List<String> ran = new ArrayList<>();
        boolean deferredBetweenPasses = onNewThread(() -> {
            Pass pass = new Pass();
            PassEnd.workInPasses(pass);
            pass.run(() -> {
                PassEnd.defer(() -> ran.add("first deferred"));
                PassEnd.defer(() -> {
                    ran.add("second deferred");
                    // The pass is over: deferred from here, an action is the caller's to run now.
                    ran.add(PassEnd.defer(() -> ran.add("never")) ? "deferred again" : "not deferred again");
                });
                ran.add("the pass's work");
            });
            return PassEnd.defer(() -> ran.add("between passes"));
        });

        assertThat(ran).containsExactly("the pass's work", "first deferred", "second deferred", "not deferred again");
        assertThat(deferredBetweenPasses).isFalse();
    }

    @Test
    void anActionThatThrowsIsReportedAndTheRestStillRun() throws Exception {
        List<String> ran = new ArrayList<>();
        List<Throwable> reported = new ArrayList<>();
        onNewThread(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> reported.add(e));
            Pass pass = new Pass();
            PassEnd.workInPasses(pass);
            pass.run(() -> {
                PassEnd.defer(() -> {
                    throw new IllegalStateException("a broken action");
                });
                PassEnd.defer(() -> ran.add("the next action"));
            });
            return null;
        });

        assertThat(ran).containsExactly("the next action");
        assertThat(reported).singleElement().extracting(Throwable::getMessage).isEqualTo("a broken action");
    }

    @Test
    void anExecutorHandingOverAtPassEndGetsAPasssTasksOnlyOnceThePassEnds() throws Exception {
        List<Runnable> handedOver = new ArrayList<>();
        Executor recording = handedOver::add;
        Executor atPassEnd = PassEnd.handingOverAtPassEnd(recording);
        List<Integer> handedOverDuringThePass = new ArrayList<>();
        int handedOverOnceItEnded = onNewThread(() -> {
            Pass pass = new Pass();
            PassEnd.workInPasses(pass);
            pass.run(() -> {
                atPassEnd.execute(() -> {});
                atPassEnd.execute(() -> {});
                handedOverDuringThePass.add(handedOver.size());
            });
            return handedOver.size();
        });

        assertThat(handedOverDuringThePass).containsExactly(0);
        assertThat(handedOverOnceItEnded).isEqualTo(2);
        handedOver.clear();
        onNewThread(() -> {
            atPassEnd.execute(() -> {});
            return null;
        });
        assertThat(handedOver).as("from a thread without passes, at once").hasSize(1);
    }

    @Test
    void aTaskTheExecutorRefusesAtPassEndRunsOnTheSubmittingThread() throws Exception {
        Executor refusing = task -> {
            throw new RejectedExecutionException("shut down");
        };
        Executor atPassEnd = PassEnd.handingOverAtPassEnd(refusing);
        List<String> ranOn = new ArrayList<>();
        onNewThread(() -> {
            Pass pass = new Pass();
            PassEnd.workInPasses(pass);
            pass.run(() -> atPassEnd.execute(() -> ranOn.add(Thread.currentThread().getName())));
            return null;
        });

        assertThat(ranOn).containsExactly("pass-test");
    }

    @Test
    void aLoopDefersByQueueingAndALoopThatRefusesDefersNothing() {
        List<Runnable> queued = new ArrayList<>();
        assertThat(PassEnd.onLoop(queued::add).defer(() -> {})).isTrue();
        assertThat(queued).hasSize(1);
        Executor shutDown = task -> {
            throw new RejectedExecutionException("shut down");
        };
        assertThat(PassEnd.onLoop(shutDown).defer(() -> {})).isFalse();
    }

    /** Runs {@code work} on a fresh thread (whose pass state is its own) and returns its result. */
    private static <T> T onNewThread(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "pass-test");
        thread.start();
        return result.get(10, TimeUnit.SECONDS);
    }
}
