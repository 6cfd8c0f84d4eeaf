package io.parley.store.postgresql;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A {@code --store} address: {@code postgresql://HOST[:PORT]/DB[?user=NAME&password=...]} (the
 * libpq form, {@code postgresql://USER[:PASSWORD]@HOST...}, and a {@code jdbc:postgresql:} URL are
 * taken too), as the JDBC URL and credentials the driver wants, and as it may be shown: without its
 * password. Immutable.
 */
record StoreUrl(String jdbcUrl, Properties credentials, String shown) {

    static StoreUrl parse(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        if (plain.startsWith("postgres://")) {
            plain = "postgresql://" + plain.substring("postgres://".length());
        }
        URI uri;
        try {
            uri = new URI(plain);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a postgresql://HOST:PORT/DB address: " + redact(url));
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a postgresql://HOST:PORT/DB address: " + redact(url));
        }
        Properties credentials = new Properties();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            credentials.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                credentials.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String hostPort = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbcUrl = "jdbc:postgresql://" + hostPort + path + query;
        String shownUser = credentials.containsKey("user") ? credentials.getProperty("user") + "@" : "";
        return new StoreUrl(jdbcUrl, credentials, redact("postgresql://" + shownUser + hostPort + path + query));
    }

    /** {@code url} with any password replaced by {@code ***}, in the user info or the query. */
    static String redact(String url) {
        return url.replaceAll("(://[^/@:]*:)[^/@]*@", "$1***@")
                .replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
