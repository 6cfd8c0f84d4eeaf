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
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Nanoseconds until the next token, at least 1. */
    long nanosUntilToken(long now) {
        refill(now);
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
