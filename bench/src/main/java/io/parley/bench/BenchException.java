package io.parley.bench;

/** A run that could not be carried out (as opposed to one that ran and failed its checks). */
final class BenchException extends RuntimeException {

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
