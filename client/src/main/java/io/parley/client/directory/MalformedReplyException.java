package io.parley.client.directory;

import java.io.IOException;

/** The directory server sent something that is not a reply of the spec. */
final class MalformedReplyException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedReplyException(String message) {
        super(message);
    }
}
