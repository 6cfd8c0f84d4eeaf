package io.parley.server;

import io.parley.protocol.ProtocolModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way tests that start {@code parley serve} with flags set every protocol's port, so
 * none binds its default (6667, 7710, ...) by being forgotten: each protocol in
 * {@link ProtocolModules#ALL} gets {@code --<name> <value>} unless the test's own flags set it.
 */
final class ListenerFlags {

    private ListenerFlags() {}

    /** {@code --<name>} to {@code value} for every protocol, in the modules' order. */
    static Map<String, String> every(String value) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (ProtocolModule<?> module : ProtocolModules.ALL) {
            flags.put("--" + module.name(), value);
        }
        return flags;
    }

    /**
     * {@code serve}, then {@code flags}, then {@code --<name> <others>} for each protocol whose
     * port {@code flags} does not set ({@code others}: {@code 0} or {@code off}).
     */
    static String[] serve(String others, String... flags) {
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(List.of(flags));
        every(others).forEach((flag, value) -> {
            if (!args.contains(flag)) {
                args.add(flag);
                args.add(value);
            }
        });
        return args.toArray(String[]::new);
    }
}
