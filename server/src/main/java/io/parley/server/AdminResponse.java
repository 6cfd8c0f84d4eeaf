package io.parley.server;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What the admin listener answers a request with: a status and a text body. Immutable.
 *
 * @param contentType the body's media type, with its charset
 * @param allow the method a 405 answer names in its {@code Allow} header; null otherwise
 */
record AdminResponse(HttpResponseStatus status, String contentType, String body, String allow) {

    AdminResponse(HttpResponseStatus status, String contentType, String body) {
        this(status, contentType, body, null);
    }

    static final String TEXT = "text/plain; charset=utf-8";

    static AdminResponse text(HttpResponseStatus status, String body) {
        return new AdminResponse(status, TEXT, body + "\n");
    }
}
