package io.parley.protocol.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web client's files, read from the classpath under one folder (the jar's {@code /web/}).
 * Only a path of plain segments ({@code A-Z a-z 0-9 . _ -}, none starting with a dot) naming a
 * file of a known type is served: {@code ..}, encoded or not, a backslash, a directory or a file
 * of another type is simply not found. Files are read once and kept, with their strong ETag (the
 * jar does not change while the server runs). Thread-safe.
 */
final class StaticFiles {

    /** One file, as served. */
    record File(byte[] bytes, String contentType, String etag) {}

    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("webmanifest", "application/manifest+json"));

    private final String root;
    private final Map<String, File> cache = new ConcurrentHashMap<>();

    /** @param root the classpath folder, with slashes at both ends ({@code /web/}) */
    StaticFiles(String root) {
        this.root = root;
    }

    /** The file at a request's decoded path ({@code /} is {@code /index.html}), if there is one to serve. */
    Optional<File> find(String path) {
        String wanted = path.equals("/") ? "/index.html" : path;
        if (!SAFE_PATH.matcher(wanted).matches() || wanted.contains("..")) {
            return Optional.empty();
        }
        String type = TYPES.get(extension(wanted));
        if (type == null) {
            return Optional.empty();
        }
        File cached = cache.get(wanted);
        if (cached != null) {
            return Optional.of(cached);
        }
        File loaded = load(root + wanted.substring(1), type);
        if (loaded != null) {
            cache.put(wanted, loaded);
        }
        return Optional.ofNullable(loaded);
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static File load(String resource, String type) {
        URL url = StaticFiles.class.getResource(resource);
        if (url == null || isDirectory(url)) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            return new File(bytes, type, etag(bytes));
        } catch (IOException e) {
            return null; // a directory entry of a jar, or unreadable: not a file to serve
        }
    }

    /** A classes directory (tests, the IDE) lists a directory when it is read: never serve that. */
    private static boolean isDirectory(URL url) {
        if (!url.getProtocol().equals("file")) {
            return false;
        }
        try {
            return !Files.isRegularFile(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return true;
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
