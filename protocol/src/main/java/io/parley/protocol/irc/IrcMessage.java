package io.parley.protocol.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One IRC message, as the Modern IRC documentation and the IRCv3 message-tags specification
 * describe it: {@code [@tags] [:source] COMMAND [params...] [:trailing]}, without its CR LF.
 *
 * <p>{@link #parse} reads a line a framing handler has already cut and decoded; {@link #toLine}
 * writes one. Every instance is one that can be written: the constructor refuses a NUL, CR or LF
 * in the source or any parameter, a space or leading {@code :} in any parameter but the last, an
 * empty one but the last, and a tag key that is not a valid key. So a message built from another
 * protocol's text can never smuggle a second line onto the wire: that text must be
 * {@linkplain io.parley.core.text.Text#clean cleaned} or split first, or the build fails loudly.
 * Tag values may hold anything: they are escaped on the wire.
 *
 * <p>Immutable and thread-safe.
 */
public final class IrcMessage {

    private static final Pattern VERB = Pattern.compile("[A-Za-z]+(?:_[A-Za-z]+)*|[0-9]{3}");

    private final Map<String, String> tags;
    private final String source;
    private final String command;
    private final List<String> params;

    /**
     * @param tags    tag keys to unescaped values ({@code ""} for a tag without a value); kept in order
     * @param source  the prefix without its {@code :}, or null
     * @param command a verb (kept as given) or a three-digit numeric
     * @param params  the parameters; only the last may be empty, hold spaces or start with {@code :}
     * @throws IllegalArgumentException if the message could not be written as one valid line
     */
    public IrcMessage(Map<String, String> tags, String source, String command, List<String> params) {
        tags.forEach((key, value) -> {
            if (!IrcTags.isKey(key)) {
                throw new IllegalArgumentException("not a tag key: " + IrcTags.escapeValue(key));
            }
            Objects.requireNonNull(value, key);
        });
        if (source != null && (source.isEmpty() || hasForbidden(source) || source.indexOf(' ') >= 0)) {
            throw new IllegalArgumentException("a source must be one non-empty word");
        }
        if (!VERB.matcher(command).matches()) {
            throw new IllegalArgumentException("not a command: " + IrcTags.escapeValue(command));
        }
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            if (hasForbidden(param)) {
                throw new IllegalArgumentException("parameter " + i + " holds a NUL, CR or LF");
            }
            boolean last = i == params.size() - 1;
            if (!last && (param.isEmpty() || param.indexOf(' ') >= 0 || param.charAt(0) == ':')) {
                throw new IllegalArgumentException("parameter " + i + " is not the last, so it must be one word not starting with ':'");
            }
        }
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        this.source = source;
        this.command = command;
        this.params = List.copyOf(params);
    }

    /** A message with no tags and no source. */
    public static IrcMessage of(String command, String... params) {
        return new IrcMessage(Map.of(), null, command, List.of(params));
    }

    /** A message from {@code source} with no tags. */
    public static IrcMessage from(String source, String command, String... params) {
        return new IrcMessage(Map.of(), source, command, List.of(params));
    }

    /** This message with {@code tags} in place of its own. */
    public IrcMessage withTags(Map<String, String> tags) {
        return new IrcMessage(tags, source, command, params);
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** The source without its {@code :}, or null. */
    public String source() {
        return source;
    }

    /** The command: upper case for a parsed verb, as given for a built one. */
    public String command() {
        return command;
    }

    public List<String> params() {
        return params;
    }

    /** Parameter {@code index}, or null if there are fewer. */
    public String param(int index) {
        return index < params.size() ? params.get(index) : null;
    }

    /**
     * Reads one line from a client (without its line end). Leading spaces, several spaces
     * between parameters and trailing spaces are tolerated. A verb is upper-cased (commands are
     * case-insensitive). Tags with invalid keys are dropped; of a key given twice, the last value
     * counts.
     *
     * @throws IrcSyntaxException if the line is empty, too long, holds a NUL, CR or LF, or has no valid command
     */
    public static IrcMessage parse(String line) throws IrcSyntaxException {
        int pos = 0;
        int length = line.length();
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (c == '\0' || c == '\r' || c == '\n') {
                throw new IrcSyntaxException(IrcSyntaxException.Problem.FORBIDDEN_CHARACTER);
            }
        }
        pos = skipSpaces(line, pos);
        Map<String, String> tags = Map.of();
        if (pos < length && line.charAt(pos) == '@') {
            int end = wordEnd(line, pos);
            String tagData = line.substring(pos + 1, end);
            if (IrcLimits.utf8Length(tagData) > IrcLimits.MAX_CLIENT_TAG_BYTES) {
                throw new IrcSyntaxException(IrcSyntaxException.Problem.INPUT_TOO_LONG);
            }
            tags = IrcTags.parse(tagData);
            pos = skipSpaces(line, end);
        }
        // The body is measured as sent, from the source (or command) to the end, plus its CR LF.
        if (IrcLimits.utf8Length(line.subSequence(pos, length)) + 2 > IrcLimits.MAX_BODY_BYTES) {
            throw new IrcSyntaxException(IrcSyntaxException.Problem.INPUT_TOO_LONG);
        }
        String source = null;
        if (pos < length && line.charAt(pos) == ':') {
            int end = wordEnd(line, pos);
            source = end > pos + 1 ? line.substring(pos + 1, end) : null;
            pos = skipSpaces(line, end);
        }
        if (pos >= length) {
            throw new IrcSyntaxException(IrcSyntaxException.Problem.EMPTY);
        }
        int commandEnd = wordEnd(line, pos);
        String command = line.substring(pos, commandEnd);
        if (!VERB.matcher(command).matches()) {
            throw new IrcSyntaxException(IrcSyntaxException.Problem.BAD_COMMAND);
        }
        command = command.toUpperCase(Locale.ROOT);
        pos = skipSpaces(line, commandEnd);
        List<String> params = new ArrayList<>();
        while (pos < length) {
            if (line.charAt(pos) == ':') {
                params.add(line.substring(pos + 1));
                break;
            }
            int end = wordEnd(line, pos);
            params.add(line.substring(pos, end));
            pos = skipSpaces(line, end);
        }
        return new IrcMessage(tags, source, command, params);
    }

    /**
     * The line, without CR LF. The last parameter is written with a {@code :} when it is empty,
     * holds a space or starts with {@code :} (and only then, as most clients and irctest expect).
     */
    public String toLine() {
        StringBuilder line = new StringBuilder(64);
        if (!tags.isEmpty()) {
            line.append('@');
            tagsSection(line);
            line.append(' ');
        }
        if (source != null) {
            line.append(':').append(source).append(' ');
        }
        line.append(command);
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            line.append(' ');
            if (i == params.size() - 1 && (param.isEmpty() || param.indexOf(' ') >= 0 || param.charAt(0) == ':')) {
                line.append(':');
            }
            line.append(param);
        }
        return line.toString();
    }

    private void tagsSection(StringBuilder line) {
        boolean first = true;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!first) {
                line.append(';');
            }
            first = false;
            line.append(tag.getKey());
            if (!tag.getValue().isEmpty()) {
                line.append('=').append(IrcTags.escapeValue(tag.getValue()));
            }
        }
    }

    /** The UTF-8 size of the tag data as written (without {@code @} and the space after it); 0 without tags. */
    public int tagBytes() {
        if (tags.isEmpty()) {
            return 0;
        }
        StringBuilder section = new StringBuilder();
        tagsSection(section);
        return IrcLimits.utf8Length(section);
    }

    /** The UTF-8 size of everything after the tags, CR LF included: at most {@link IrcLimits#MAX_BODY_BYTES} to be sent. */
    public int bodyBytes() {
        String line = toLine();
        int tagsEnd = tags.isEmpty() ? 0 : line.indexOf(' ') + 1;
        return IrcLimits.utf8Length(line.subSequence(tagsEnd, line.length())) + 2;
    }

    /** Whether this message may be sent by a server: body and the tags it adds within their limits. */
    public boolean fitsLimits() {
        return bodyBytes() <= IrcLimits.MAX_BODY_BYTES && tagBytes() <= IrcLimits.MAX_SERVER_TAG_BYTES;
    }

    private static boolean hasForbidden(String text) {
        return text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    private static int skipSpaces(String line, int pos) {
        while (pos < line.length() && line.charAt(pos) == ' ') {
            pos++;
        }
        return pos;
    }

    private static int wordEnd(String line, int pos) {
        int space = line.indexOf(' ', pos);
        return space < 0 ? line.length() : space;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IrcMessage that && tags.equals(that.tags) && Objects.equals(source, that.source)
                && command.equals(that.command) && params.equals(that.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tags, source, command, params);
    }

    /** The line as {@link #toLine} writes it. */
    @Override
    public String toString() {
        return toLine();
    }
}
