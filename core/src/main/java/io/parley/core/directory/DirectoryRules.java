package io.parley.core.directory;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the chat room directory accepts (spec: {@code shared/specs/directory.md}): room names,
 * group addresses and ports, checked from the text a client sent. No lookups: an address is
 * only ever a dotted quad, never a host name, so checking never blocks.
 *
 * <p>Stateless and thread-safe.
 */
public final class DirectoryRules {

    /** The longest room name, in characters (the spec's limit). */
    public static final int MAX_NAME_LENGTH = 32;
    /** The lowest port a room may use: the spec keeps rooms off the privileged ports. */
    public static final int MIN_PORT = 1024;
    public static final int MAX_PORT = 65535;
    /** The administratively scoped block (RFC 2365) that the handout asks rooms to use. */
    public static final int GROUP_FIRST_OCTET = 239;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}");
    /** Four decimal octets without leading zeros (which some parsers read as octal). */
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private DirectoryRules() {}

    /** 1-32 characters, each an ASCII letter or digit, {@code -}, {@code _} or {@code .}. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The address, if {@code text} is an IPv4 address in 239.0.0.0/8 written as a dotted quad. */
    public static Optional<String> groupAddress(String text) {
        Matcher octets = DOTTED_QUAD.matcher(text == null ? "" : text);
        if (!octets.matches() || Integer.parseInt(octets.group(1)) != GROUP_FIRST_OCTET) {
            return Optional.empty();
        }
        for (int i = 2; i <= 4; i++) {
            if (Integer.parseInt(octets.group(i)) > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    /** The port, if {@code text} is a decimal number from 1024 to 65535. */
    public static OptionalInt port(String text) {
        if (text == null || !PORT.matcher(text).matches()) {
            return OptionalInt.empty();
        }
        int port = Integer.parseInt(text);
        return port >= MIN_PORT && port <= MAX_PORT ? OptionalInt.of(port) : OptionalInt.empty();
    }
}
