package io.parley.server;

import io.parley.protocol.ProtocolModule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code listeners.only} ({@code serve --only tcd,line}): every protocol not named gets its plain
 * and TLS ports set to {@code off}, so a launcher that wants one protocol names it rather than
 * turning each of the others off by name (and a new protocol, on by default, needs no edit there).
 * It never turns a listener on: a named protocol keeps its ports as configured, so one whose port
 * is also set {@code off} serves nothing (the explicit {@code off} wins; {@code --only} selects,
 * it does not override). Its other settings (extra listeners, switches) are as configured.
 *
 * <p>Stateless.
 */
final class OnlyListeners {

    private OnlyListeners() {}

    /**
     * {@code properties} with every port of each of {@code modules} that {@code listeners.only}
     * leaves out set to {@code off}; {@code properties} itself when the key is empty. Fails naming
     * the key and the known protocols on a name none of {@code modules} has.
     */
    static Properties apply(Properties properties, List<ProtocolModule<?>> modules) {
        String only = properties.getProperty(ServerConfig.LISTENERS_ONLY, "").strip();
        if (only.isEmpty()) {
            return properties;
        }
        Set<String> named = new LinkedHashSet<>();
        for (String name : only.split(",")) {
            if (!name.isBlank()) {
                named.add(name.strip());
            }
        }
        Set<String> known = modules.stream().map(ProtocolModule::name).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String name : named) {
            if (!known.contains(name)) {
                throw new ConfigException(ServerConfig.LISTENERS_ONLY, "names no protocol this server speaks: "
                        + name + "; the protocols are " + String.join(", ", known));
            }
        }
        Properties narrowed = new Properties();
        narrowed.putAll(properties);
        for (ProtocolModule<?> module : modules) {
            if (!named.contains(module.name())) {
                narrowed.setProperty(ProtocolSection.portKey(module), "off");
                narrowed.setProperty(ProtocolSection.tlsPortKey(module), "off");
            }
        }
        return narrowed;
    }
}
