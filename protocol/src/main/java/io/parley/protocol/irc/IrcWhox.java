package io.parley.protocol.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WHOX ({@code WHO <mask> %<fields>[,<token>]}, ircv3.net/specs/extensions/whox): which fields a
 * client asked for and the {@code 354 RPL_WHOSPCRPL} parameters that carry them, always in the
 * order {@code t c u i h s n f d l a o r} whatever order they were asked in. Immutable.
 *
 * @param fields the field letters asked for (unknown ones ignored)
 * @param token the query's token (at most 3 digits), or null
 */
record IrcWhox(String fields, String token) {

    /** Every field, in the order replies carry them. */
    static final String ORDER = "tcuihsnfdlaor";

    /** One user as WHO shows it. {@code ip} is {@code 255.255.255.255} for a user without one. */
    record Row(String channel, String user, String ip, String host, String server, String nick, String flags,
            String account, String realName) {}

    /** The WHOX request in WHO's second parameter, or empty for a plain WHO. */
    static Optional<IrcWhox> parse(String param) {
        if (param == null || !param.startsWith("%")) {
            return Optional.empty();
        }
        int comma = param.indexOf(',');
        String fields = comma < 0 ? param.substring(1) : param.substring(1, comma);
        String token = comma < 0 ? null : param.substring(comma + 1);
        if (token != null && !token.matches("[0-9]{1,3}")) {
            token = null;
        }
        return Optional.of(new IrcWhox(fields, token));
    }

    /** The parameters of a 354 for {@code row}, after the recipient's nick. */
    List<String> params(Row row) {
        List<String> params = new ArrayList<>();
        for (char field : ORDER.toCharArray()) {
            if (fields.indexOf(field) < 0) {
                continue;
            }
            switch (field) {
                case 't' -> params.add(token == null ? "0" : token);
                case 'c' -> params.add(row.channel());
                case 'u' -> params.add(row.user());
                case 'i' -> params.add(row.ip());
                case 'h' -> params.add(row.host());
                case 's' -> params.add(row.server());
                case 'n' -> params.add(row.nick());
                case 'f' -> params.add(row.flags());
                case 'd' -> params.add("0");
                case 'l' -> params.add("0");
                case 'a' -> params.add(row.account() == null ? "0" : row.account());
                case 'o' -> params.add("n/a");
                case 'r' -> params.add(row.realName());
                default -> { }
            }
        }
        return params;
    }
}
