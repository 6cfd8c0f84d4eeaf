package io.parley.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * How the server logs: {@code log.format} ({@code text}, the lines logback.xml prints, or
 * {@code json}, one {@link JsonLogLayout} object per line) and {@code log.level} (the level of
 * every logger, and of chosen ones: {@code info, io.parley.server.ConnectionGuard=debug}).
 * {@code --log-format} and {@code --log-level} set the keys; the {@code PARLEY_LOG_FORMAT}
 * environment variable sets the format over the config file, under the flag.
 *
 * <p>{@link #apply} changes logback's configuration in place, so it can run again later (a reload).
 * Thread-safe: applying is synchronized; parsing is stateless.
 */
record LogSettings(Format format, Level rootLevel, Map<String, Level> loggerLevels) {

    public static final String FORMAT_KEY = "log.format";
    public static final String LEVEL_KEY = "log.level";
    public static final String FORMAT_VARIABLE = "PARLEY_LOG_FORMAT";
    /** The defaults, for {@link ServerConfig#DEFAULTS}. */
    public static final String DEFAULT_FORMAT = "text";
    public static final String DEFAULT_LEVEL = "info";

    /** The appender logback.xml defines, and the pattern of its text lines (keep the two in step). */
    static final String APPENDER = "STDERR";
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %level %logger{0} - %msg%n";

    private static final String LEVELS = "trace, debug, info, warn, error or off";

    enum Format { TEXT, JSON }

    /** Loggers whose level an earlier {@link #apply} set: the next one returns those it does not name to their parent's. */
    private static final Set<String> chosenBefore = new HashSet<>();

    LogSettings {
        loggerLevels = Map.copyOf(loggerLevels);
    }

    /**
     * Puts {@code PARLEY_LOG_FORMAT}, when set, in place of the config file's {@code log.format};
     * call it before the flags are put in, so that {@code --log-format} wins over both.
     */
    static void environment(Properties properties, Map<String, String> environment) throws StartupException {
        String variable = environment.get(FORMAT_VARIABLE);
        if (variable == null || variable.isBlank()) {
            return;
        }
        if (format(variable) == null) {
            throw new StartupException("the environment variable " + FORMAT_VARIABLE + " must be text or json, not "
                    + variable.strip() + "; or give --log-format");
        }
        properties.setProperty(FORMAT_KEY, variable.strip());
    }

    /** The settings from the config keys (with the environment and the flags put in). */
    static LogSettings from(Properties properties) {
        String configured = properties.getProperty(FORMAT_KEY, DEFAULT_FORMAT);
        Format format = format(configured);
        if (format == null) {
            throw new ConfigException(FORMAT_KEY, "must be text or json, not " + configured.strip());
        }
        Level root = Level.INFO;
        Map<String, Level> loggers = new LinkedHashMap<>();
        for (String item : properties.getProperty(LEVEL_KEY, DEFAULT_LEVEL).split(",")) {
            String entry = item.strip();
            int equals = entry.indexOf('=');
            if (equals < 0) {
                root = level(entry);
            } else {
                String logger = entry.substring(0, equals).strip();
                if (logger.isEmpty() || !logger.matches("[\\w.$-]+")) {
                    throw new ConfigException(LEVEL_KEY, "takes a level and logger=level pairs (e.g. info,"
                            + " io.parley.server.ConnectionGuard=debug), not " + entry);
                }
                loggers.put(logger, level(entry.substring(equals + 1).strip()));
            }
        }
        return new LogSettings(format, root, loggers);
    }

    private static Format format(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> null;
        };
    }

    private static Level level(String value) {
        Level level = Level.toLevel(value.toUpperCase(Locale.ROOT), null);
        if (level == null || level == Level.ALL) {
            throw new ConfigException(LEVEL_KEY, "takes the levels " + LEVELS + ", not " + (value.isEmpty() ? "nothing"
                    : value));
        }
        return level;
    }

    /**
     * Makes logback log this way from now on: the encoder of the stderr appender, the root level
     * and the chosen loggers' levels. Does nothing where logback is not the SLF4J backend.
     */
    void apply() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        synchronized (chosenBefore) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            useFormat(context, root);
            root.setLevel(rootLevel);
            for (String name : chosenBefore) {
                if (!loggerLevels.containsKey(name)) {
                    context.getLogger(name).setLevel(null); // back to its parent's
                }
            }
            loggerLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
            chosenBefore.clear();
            chosenBefore.addAll(loggerLevels.keySet());
        }
    }

    /** Puts a new stderr appender with this format's encoder in place of the old one, if the format changes. */
    private void useFormat(LoggerContext context, Logger root) {
        Appender<ILoggingEvent> old = root.getAppender(APPENDER);
        boolean json = old instanceof ConsoleAppender<ILoggingEvent> console
                && console.getEncoder() instanceof LayoutWrappingEncoder<ILoggingEvent> wrapping
                && wrapping.getLayout() instanceof JsonLogLayout;
        if (old != null && json == (format == Format.JSON)) {
            return;
        }
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(encoder(context));
        appender.start();
        root.addAppender(appender); // before the old one goes, so no event finds neither
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
    }

    private Encoder<ILoggingEvent> encoder(LoggerContext context) {
        if (format == Format.JSON) {
            JsonLogLayout layout = new JsonLogLayout();
            layout.setContext(context);
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
            encoder.setContext(context);
            encoder.setLayout(layout);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
