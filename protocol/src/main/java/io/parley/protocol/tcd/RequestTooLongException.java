package io.parley.protocol.tcd;

import io.netty.handler.codec.TooLongFrameException;

/** A TCD request (all its lines together) passed the configured limit. */
final class RequestTooLongException extends TooLongFrameException {

    private static final long serialVersionUID = 1L;

    RequestTooLongException(int limit) {
        super("request longer than " + limit + " bytes");
    }
}
