package io.parley.core.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Budgets of failed password checks (whichever protocol checked the password), per account and
 * per client address (as Ergo's login throttling): once an account, or an address, has failed
 * {@code max} times within a window, its next attempts are refused without checking the password
 * until the window (which starts at its first failure) is over. Unlike the spec's per-connection
 * limit of 4, the budgets survive reconnecting. They are kept in memory only, so a restart
 * forgets them (a restart is not something a guesser can cause at will).
 *
 * <p>The account budget also holds the owner back while someone guesses at the account: that is
 * the price of capping guesses per account, and the window is short.
 *
 * <p>Thread-safe.
 */
public final class LoginThrottle {

    /** Why an attempt is refused, and for how much longer. */
    public record Refusal(boolean forAccount, Duration retryAfter) {

        /** {@link #retryAfter} in whole seconds, rounded up, at least 1: what a client is told. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> accounts = new ConcurrentHashMap<>();
    private final Map<String, Window> addresses = new ConcurrentHashMap<>();
    /** Entries are added only by failures, so failures sweep (both maps at once). */
    private final SweepSchedule sweeps = new SweepSchedule(SweepSchedule.EVERY_MINUTE);

    public LoginThrottle(int maxPerAccount, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Whether an attempt on {@code accountKey} (null: a new user) from {@code address} must be refused. */
    public Optional<Refusal> refusal(String accountKey, String address) {
        Instant now = clock.instant();
        Optional<Duration> byAddress = blockedFor(addresses.get(address), maxPerAddress, now);
        if (byAddress.isPresent()) {
            return Optional.of(new Refusal(false, byAddress.get()));
        }
        return accountKey == null ? Optional.empty()
                : blockedFor(accounts.get(accountKey), maxPerAccount, now).map(wait -> new Refusal(true, wait));
    }

    /** Counts a wrong password for {@code accountKey} from {@code address}. */
    public void failed(String accountKey, String address) {
        Instant now = clock.instant();
        sweeps.sweepIfDue(now, () -> {
            sweep(accounts, now);
            sweep(addresses, now);
        });
        count(accounts, accountKey, now);
        count(addresses, address, now);
    }

    private Optional<Duration> blockedFor(Window counter, int max, Instant now) {
        if (counter == null) {
            return Optional.empty();
        }
        synchronized (counter) {
            Instant end = counter.start.plus(window);
            return counter.failures >= max && now.isBefore(end) ? Optional.of(Duration.between(now, end))
                    : Optional.empty();
        }
    }

    private void count(Map<String, Window> counters, String key, Instant now) {
        // In compute, so that a sweep cannot drop the window between finding and counting in it.
        counters.compute(key, (k, counter) -> {
            Window live = counter == null || counter.expired(now, window) ? new Window(now) : counter;
            synchronized (live) {
                live.failures++;
            }
            return live;
        });
    }

    private void sweep(Map<String, Window> counters, Instant now) {
        counters.keySet().forEach(key -> counters.computeIfPresent(key,
                (k, counter) -> counter.expired(now, window) ? null : counter));
    }

    /** How many sweeps of expired windows ran: for tests. */
    long sweeps() {
        return sweeps.sweeps();
    }

    /** How many accounts and addresses have a window kept: for tests. */
    int tracked() {
        return accounts.size() + addresses.size();
    }

    /** Failures since {@code start}. Guarded by itself. */
    private static final class Window {
        Instant start;
        int failures;

        Window(Instant start) {
            this.start = start;
        }

        synchronized boolean expired(Instant now, Duration length) {
            return !now.isBefore(start.plus(length));
        }
    }
}
