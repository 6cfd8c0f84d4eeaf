package io.parley.server;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What the admin listener answers a request with: a status and a text body. Immutable.
 *
 * @param contentType the body's media type, with its charset
 */
record AdminResponse(HttpResponseStatus status, String contentType, String body) {

    static final String TEXT = "text/plain; charset=utf-8";

    static AdminResponse text(HttpResponseStatus status, String body) {
        return new AdminResponse(status, TEXT, body + "\n");
    }
}
