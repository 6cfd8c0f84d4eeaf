package io.parley.client.account;

import java.security.GeneralSecurityException;

/**
 * Asks for a message until its frame fits the server's frame limit. The server is already
 * waiting for the message at that point and a frame over the limit would cost the connection
 * ({@code ERR 413}), so the user is asked again instead. Session thread only.
 */
final class Composer {

    /** Turns the typed text into the {@code D ...} frame to send (encrypting it, for a PM). */
    interface Framer {
        String frame(String text) throws GeneralSecurityException;
    }

    /** What the user typed, and the frame it became. */
    record Message(String text, String frame) {}

    private final Screen screen;

    Composer(Screen screen) {
        this.screen = screen;
    }

    Message compose(String prompt, Framer framer) throws InputClosed, SessionEnded {
        while (true) {
            String text = screen.readLine(prompt);
            String frame;
            try {
                frame = framer.frame(text);
            } catch (GeneralSecurityException e) {
                throw new SessionEnded("Cannot encrypt the message: " + e.getMessage());
            }
            if (ServerConnection.fits(frame)) {
                return new Message(text, frame);
            }
            screen.print("That message is too long: a frame holds at most "
                    + ServerConnection.MAX_FRAME_BYTES / 1024 + " KiB (an encrypted one about half that).");
        }
    }
}
