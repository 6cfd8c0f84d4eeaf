package io.parley.server;

import io.parley.protocol.ModuleSwitch;
import io.parley.protocol.ProtocolModule;
import java.util.List;
import java.util.function.BiConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags of {@code parley serve} that each protocol brings: {@code --<name>} and
 * {@code --<name>-tls} for its ports and any switches of its own ({@code --allow-kill}), made
 * from {@link ProtocolModules#ALL} when picocli builds the command, so a new protocol gets its
 * flags, and their lines in {@code --help}, without an edit here or in {@link ServeCommand}.
 *
 * <p>Stateless; picocli makes one while it builds the command.
 */
final class ProtocolFlags implements CommandLine.IModelTransformer {

    /** Takes a flag's value: the key it sets, the flag's name (for errors) and the value. */
    interface PortFlag {
        void set(String key, String flag, String value);
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
        add(spec, ProtocolModules.ALL);
        return spec;
    }

    /** Adds {@code modules}' flags to {@code spec}. */
    static void add(CommandSpec spec, List<ProtocolModule<?>> modules) {
        for (ProtocolModule<?> module : modules) {
            spec.addOption(port(portFlag(module), module.portDescription()));
            spec.addOption(port(tlsPortFlag(module), module.tlsPortDescription()));
            for (ModuleSwitch flag : module.switches()) {
                spec.addOption(OptionSpec.builder(flag.flag()).arity("0").type(boolean.class)
                        .description(flag.description()).build());
            }
        }
    }

    /**
     * Passes each of {@code modules}' flags given on the command line parsed into {@code spec}:
     * port flags to {@code ports}, switches as their key and {@code "true"} to {@code switches}.
     */
    static void apply(CommandSpec spec, List<ProtocolModule<?>> modules, PortFlag ports,
            BiConsumer<String, String> switches) {
        for (ProtocolModule<?> module : modules) {
            setPort(spec, portFlag(module), ProtocolSection.portKey(module), ports);
            setPort(spec, tlsPortFlag(module), ProtocolSection.tlsPortKey(module), ports);
            for (ModuleSwitch flag : module.switches()) {
                if (Boolean.TRUE.equals(spec.findOption(flag.flag()).getValue())) {
                    switches.accept(flag.key(), "true");
                }
            }
        }
    }

    private static void setPort(CommandSpec spec, String flag, String key, PortFlag ports) {
        String value = spec.findOption(flag).getValue();
        if (value != null) {
            ports.set(key, flag, value);
        }
    }

    private static OptionSpec port(String flag, String description) {
        return OptionSpec.builder(flag).paramLabel("PORT").type(String.class).description(description).build();
    }

    private static String portFlag(ProtocolModule<?> module) {
        return "--" + module.name();
    }

    private static String tlsPortFlag(ProtocolModule<?> module) {
        return "--" + module.name() + "-tls";
    }
}
