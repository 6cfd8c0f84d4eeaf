package io.parley.core;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names that belong to registered accounts. A registered name is reserved on every
 * protocol: nobody but its owner (logged in through the account protocol) may chat under it, nor
 * under a name that looks like it. Two rules, one place:
 * <ul>
 *   <li>{@link #key}: the same name ({@code Locale.ROOT} lower case), which finds an account;</li>
 *   <li>{@link #lookalikeKeys}: the same-looking name (the Unicode confusable skeleton of
 *       UTS #39, taken of the lower-cased name and lower-cased from the name's, since case
 *       changes what looks alike: {@code I} is like {@code l}, {@code i} is not), so
 *       {@code аlice} with a Cyrillic а, {@code ALICE} and {@code AIice} are all taken once
 *       {@code alice} is registered.</li>
 * </ul>
 *
 * <p>Thread-safe; lookups never block (the set is in memory, loaded from the store at start-up).
 */
public final class RegisteredNames {

    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

    private final Set<String> lookalikeKeys = ConcurrentHashMap.newKeySet();

    public RegisteredNames(Collection<String> registered) {
        registered.forEach(this::add);
    }

    /** The key under which two user names are the same name. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The keys under which two user names look the same: they do if they share one. */
    public static List<String> lookalikeKeys(String name) {
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC);
        return List.of(SKELETONS.getSkeleton(key(normalized)), key(SKELETONS.getSkeleton(normalized)));
    }

    /** Whether {@code name} is, or looks like, a registered name. */
    public boolean isRegistered(String name) {
        return lookalikeKeys(name).stream().anyMatch(lookalikeKeys::contains);
    }

    /** Records a newly registered name. */
    public void add(String name) {
        lookalikeKeys.addAll(lookalikeKeys(name));
    }
}
