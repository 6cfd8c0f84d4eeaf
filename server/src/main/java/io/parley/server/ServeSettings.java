package io.parley.server;

import io.parley.protocol.SettingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where {@code parley serve}'s settings come from, kept so they can be read again: the config
 * file ({@code --config}, or none), the environment ({@code PARLEY_LOG_FORMAT}) over it, and the
 * command-line flags over both. {@link #read} reads the file as it is now, so a reload
 * ({@link ConfigReload}) sees the operator's edit while the flags still win over it.
 * Immutable and thread-safe.
 */
final class ServeSettings {

    private final Path config;
    /** What the flags set, by key, in the order given. */
    private final Map<String, String> flagValues;
    /** Which flag set each key, for errors; switches ({@code --allow-kill}) are not named. */
    private final Map<String, String> flagNames;
    private final Map<String, String> environment;

    /**
     * @param config the config file, or null for none (every key at its default)
     * @param flagValues what the command line set, by config key
     * @param flagNames the flag that set each key ({@code --data}), for the errors that name it
     * @param environment the process's environment ({@code PARLEY_LOG_FORMAT})
     */
    ServeSettings(Path config, Map<String, String> flagValues, Map<String, String> flagNames,
            Map<String, String> environment) {
        this.config = config;
        this.flagValues = new LinkedHashMap<>(flagValues);
        this.flagNames = Map.copyOf(flagNames);
        this.environment = Map.copyOf(environment);
    }

    /** The config file, or null when the settings come from the defaults and the flags alone. */
    Path config() {
        return config;
    }

    /** What a reload's log line calls these settings: the config file's name as given. */
    String name() {
        return config == null ? "the settings (no --config file)" : config.toString();
    }

    /** The file as it is now, then the environment, then the flags; fails in one line naming the file. */
    Properties read() throws StartupException {
        Properties properties = configFile();
        LogSettings.environment(properties, environment); // PARLEY_LOG_FORMAT: over the file, under the flag
        flagValues.forEach(properties::setProperty);
        return properties;
    }

    /** The server's settings from {@code properties} (as {@link #read} gave them), checked; fails in one line naming the flag, key or file. */
    ServerConfig parse(Properties properties) throws StartupException {
        try {
            ServerConfig settings = ServerConfig.from(properties);
            LogSettings.from(properties);
            return settings;
        } catch (SettingException e) {
            String flag = flagNames.get(e.key());
            if (flag != null) {
                throw new StartupException(flag + " " + e.problem());
            }
            if (config == null) {
                throw new StartupException(e.getMessage());
            }
            throw new StartupException(e.key().isEmpty() ? config + ": " + e.getMessage()
                    : e.key() + " in " + config + " " + e.problem());
        }
    }

    private Properties configFile() throws StartupException {
        Properties properties = new Properties();
        if (config == null) {
            return properties;
        }
        String fix = "; give --config a readable file (parley.conf documents every key)";
        try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new StartupException("cannot read config file " + config + ": no such file" + fix);
        } catch (AccessDeniedException e) {
            throw new StartupException("cannot read config file " + config + ": permission denied" + fix);
        } catch (CharacterCodingException e) {
            throw new StartupException("cannot read config file " + config + ": it is not UTF-8 text" + fix);
        } catch (IOException e) {
            String reason = Files.isDirectory(config) ? "it is a directory" : String.valueOf(e.getMessage());
            throw new StartupException("cannot read config file " + config + ": " + reason + fix);
        } catch (IllegalArgumentException e) {
            // Properties.load on a malformed unicode escape
            throw new StartupException("cannot read config file " + config + ": " + e.getMessage()
                    + "; write non-ASCII characters as they are, or as \\uXXXX with four hex digits");
        }
        return properties;
    }
}
