package io.parley.protocol;

import io.parley.core.account.PasswordHashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string form
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded base64), with a fresh 16-byte
 * salt per password. The default cost is OWASP's minimum for Argon2id (19 MiB, 2 passes). Hashing
 * is slow on purpose, so it runs on the given executor (a small bounded pool), never on an event
 * loop; verification compares in constant time and reads the cost from the stored hash, so the
 * cost can be raised later without invalidating old hashes.
 *
 * <p>The core's {@link PasswordHashing}, kept here rather than in the core (which uses no crypto
 * library) or the {@code crypto} module (JDK only, and the terminal client's, which has no use
 * for BouncyCastle).
 *
 * <p>Thread-safe.
 */
public final class PasswordHasher implements PasswordHashing {

    public static final int DEFAULT_MEMORY_KIB = 19 * 1024;
    public static final int DEFAULT_ITERATIONS = 2;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int memoryKib;
    private final int iterations;
    private final Executor executor;

    public PasswordHasher(int memoryKib, int iterations, Executor executor) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.executor = executor;
    }

    /** A new salted hash of {@code password}. */
    public CompletionStage<String> hash(String password) {
        return hash(password, executor);
    }

    /** A new salted hash of {@code password}, computed on {@code on}. */
    @Override
    public CompletionStage<String> hash(String password, Executor on) {
        return CompletableFuture.supplyAsync(() -> {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            byte[] hash = argon2(password, salt, memoryKib, iterations, 1);
            Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
            return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$" + base64.encodeToString(salt)
                    + "$" + base64.encodeToString(hash);
        }, on);
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed stored hash. */
    public CompletionStage<Boolean> verify(String password, String stored) {
        return verify(password, stored, executor);
    }

    /** As {@link #verify(String, String)}, computed on {@code on}. */
    @Override
    public CompletionStage<Boolean> verify(String password, String stored, Executor on) {
        return CompletableFuture.supplyAsync(() -> {
            Matcher phc = PHC.matcher(stored);
            if (!phc.matches()) {
                return false;
            }
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] salt = base64.decode(phc.group(4));
            byte[] expected = base64.decode(phc.group(5));
            byte[] actual = argon2(password, salt, Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)),
                    Integer.parseInt(phc.group(3)), expected.length);
            return MessageDigest.isEqual(expected, actual);
        }, on);
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        return argon2(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build());
        byte[] hash = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }
}
