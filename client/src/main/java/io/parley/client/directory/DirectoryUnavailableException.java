package io.parley.client.directory;

/** No directory server could be used at an address; the message says why, for the user. */
final class DirectoryUnavailableException extends Exception {

    DirectoryUnavailableException(String message) {
        super(message);
    }
}
