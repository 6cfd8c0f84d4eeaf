package io.parley.protocol.web;

import io.parley.protocol.SettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages may open a WebSocket here ({@code web.allowed-origins}). Empty (the default):
 * a page served from the host the request names in its {@code Host} header, so Parley's own page
 * works under any name it is reached by, and a page elsewhere cannot borrow a visitor's browser.
 * {@code *}: any page. Otherwise a comma-separated list of origins ({@code https://chat.example.org}).
 * A request without {@code Origin} is not from a browser page and is let in: the check exists
 * to stop other sites' pages, which browsers always label. Immutable and thread-safe.
 */
final class AllowedOrigins {

    private final boolean any;
    private final Set<String> origins;

    private AllowedOrigins(boolean any, Set<String> origins) {
        this.any = any;
        this.origins = origins;
    }

    static AllowedOrigins parse(String key, String value) {
        String text = value.strip();
        if (text.equals("*")) {
            return new AllowedOrigins(true, Set.of());
        }
        List<String> entries = text.isEmpty() ? List.of() : List.of(text.split("\\s*,\\s*"));
        for (String entry : entries) {
            if (hostOf(entry) == null || !entry.contains("://")) {
                throw new SettingException(key, "takes origins such as https://chat.example.org, or *, not " + entry);
            }
        }
        return new AllowedOrigins(false, Set.copyOf(entries.stream().map(AllowedOrigins::normal).toList()));
    }

    /** Whether a page from {@code origin} (null: none sent) may connect to {@code host} (the Host header). */
    boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        if (!origins.isEmpty()) {
            return origins.contains(normal(origin));
        }
        String originHost = hostOf(origin);
        return originHost != null && host != null && originHost.equals(host.strip().toLowerCase(Locale.ROOT));
    }

    private static String normal(String origin) {
        String text = origin.strip().toLowerCase(Locale.ROOT);
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** {@code host[:port]} of an origin, lower case, or null when it is not one ({@code null} included). */
    private static String hostOf(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String authority = uri.getRawAuthority();
            return uri.getScheme() == null || authority == null ? null : authority.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
