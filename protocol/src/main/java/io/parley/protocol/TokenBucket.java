package io.parley.protocol;

/**
 * A token bucket on a nanosecond clock: {@code capacity} tokens, refilled at {@code perSecond}.
 * Not thread-safe: one per connection, used on its event loop.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(int perSecond, int capacity, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes a token if there is one. */
    boolean tryTake(long now) {
        return tryTake(now, 1);
    }

    /**
     * Takes {@code cost} tokens once the bucket holds them (or is full, for a cost above its
     * capacity); a cost above what it holds leaves the bucket in debt, so what follows waits for
     * the refill of all of it.
     */
    boolean tryTake(long now, int cost) {
        refill(now);
        if (tokens < needed(cost)) {
            return false;
        }
        tokens -= cost;
        return true;
    }

    /** Nanoseconds until the next token, at least 1. */
    long nanosUntilToken(long now) {
        return nanosUntil(now, 1);
    }

    /** Nanoseconds until {@link #tryTake(long, int)} of {@code cost} can succeed, at least 1. */
    long nanosUntil(long now, int cost) {
        refill(now);
        return Math.max(1, (long) Math.ceil((needed(cost) - tokens) / perNano));
    }

    private double needed(int cost) {
        return Math.min(Math.max(cost, 1), capacity);
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
