package io.parley.protocol.irc;

/**
 * {@code nick!user@host} masks with {@code *} (any run) and {@code ?} (any one character), as
 * bans ({@code +b}), {@code WHO} and {@code MONITOR} use them, compared under
 * {@link IrcCasemapping ascii}. Thread-safe (stateless).
 */
public final class IrcMasks {

    private IrcMasks() {}

    /**
     * The full form of a mask a client gave: {@code alice} is {@code alice!*@*},
     * {@code ~a@host} is {@code *!~a@host}, {@code alice!u} is {@code alice!u@*}, an empty part
     * is {@code *}. Servers store and list bans in this form.
     */
    public static String normalize(String mask) {
        String nick;
        String user;
        String host;
        int bang = mask.indexOf('!');
        int at = mask.indexOf('@', Math.max(bang, 0));
        if (bang >= 0) {
            nick = mask.substring(0, bang);
            user = at >= 0 ? mask.substring(bang + 1, at) : mask.substring(bang + 1);
            host = at >= 0 ? mask.substring(at + 1) : "*";
        } else if (at >= 0) {
            nick = "*";
            user = mask.substring(0, at);
            host = mask.substring(at + 1);
        } else {
            nick = mask;
            user = "*";
            host = "*";
        }
        return orStar(nick) + "!" + orStar(user) + "@" + orStar(host);
    }

    private static String orStar(String part) {
        return part.isEmpty() ? "*" : part;
    }

    /**
     * Whether {@code text} matches {@code mask} ({@code *} any run, {@code ?} one character),
     * ignoring ASCII case. Linear in practice: the greedy match backtracks only to the last
     * {@code *}, so no mask can make it take exponential time.
     */
    public static boolean matches(String mask, String text) {
        String m = IrcCasemapping.fold(mask);
        String t = IrcCasemapping.fold(text);
        int mi = 0;
        int ti = 0;
        int star = -1;
        int afterStar = 0;
        while (ti < t.length()) {
            if (mi < m.length() && (m.charAt(mi) == '?' || m.charAt(mi) == t.charAt(ti))) {
                mi++;
                ti++;
            } else if (mi < m.length() && m.charAt(mi) == '*') {
                star = mi++;
                afterStar = ti;
            } else if (star >= 0) {
                mi = star + 1;
                ti = ++afterStar;
            } else {
                return false;
            }
        }
        while (mi < m.length() && m.charAt(mi) == '*') {
            mi++;
        }
        return mi == m.length();
    }
}
