package io.parley.client.directory;

import java.io.IOException;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;

/**
 * The client's chat mode (spec: {@code shared/specs/directory.md}): typed lines go to the room,
 * received ones are printed above the line being typed ({@link LineReader#printAbove}, which
 * redraws the prompt and the half-typed text under them), and Ctrl-] comes back to the main
 * prompt at once, without Enter: a key binding on the reader. A line that holds the byte 0x1D
 * (what Ctrl-] sends) does the same, for input that does not go through the key binding. Keys as
 * at the main prompt: Ctrl-C drops the line being typed, Ctrl-D on an empty line leaves the room.
 *
 * <p>Thread-safety: {@link #run} on the client's input thread; the chat's receiving thread only
 * calls {@link LineReader#printAbove}, which is safe while the input thread reads.
 */
final class ChatMode {

    /** What Ctrl-] sends: the telnet escape, which chat text never holds. */
    static final char LEAVE = '\u001d';
    private static final String LEAVE_WIDGET = "parley-leave-chat";

    private final LineReader reader;
    /** Set by the Ctrl-] binding; read by the input thread, which is also the one that runs it. */
    private boolean leaveRequested;

    /** Binds Ctrl-] on {@code reader}, in every keymap a user may have chosen. */
    ChatMode(LineReader reader) {
        this.reader = reader;
        reader.getWidgets().put(LEAVE_WIDGET, this::leaveKey);
        for (String keymap : new String[] {LineReader.MAIN, LineReader.EMACS, LineReader.VIINS, LineReader.VICMD}) {
            reader.getKeyMaps().get(keymap).bind(new Reference(LEAVE_WIDGET), KeyMap.ctrl(']'));
        }
    }

    /** The widget: drop the half-typed line and end this read, as Enter would. */
    private boolean leaveKey() {
        leaveRequested = true;
        reader.getBuffer().clear();
        reader.callWidget(LineReader.ACCEPT_LINE);
        return true;
    }

    /**
     * Chats in {@code room} as {@code chatName} until Ctrl-] (or Ctrl-D, or the end of input).
     * Sent lines are erased from the input and shown as the room shows them, once.
     */
    void run(MulticastChat chat, String chatName, String room) {
        reader.setOpt(LineReader.Option.ERASE_LINE_ON_FINISH);
        try {
            while (true) {
                leaveRequested = false;
                String line;
                try {
                    line = reader.readLine("[" + room + "] ");
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C: the line is dropped, nothing is sent
                } catch (EndOfFileException e) {
                    return;
                }
                if (leaveRequested || line.indexOf(LEAVE) >= 0) {
                    return;
                }
                if (!line.isBlank()) {
                    say(chat, chatName + ": " + line);
                }
            }
        } finally {
            reader.unsetOpt(LineReader.Option.ERASE_LINE_ON_FINISH);
        }
    }

    private void say(MulticastChat chat, String message) {
        int size = MulticastChat.size(message);
        if (size > MulticastChat.MAX_DATAGRAM_BYTES) {
            reader.printAbove("Not sent: the message is " + size + " bytes, and a datagram carries at most "
                    + MulticastChat.MAX_DATAGRAM_BYTES + " (so that it fits one packet). Split it up.");
            return;
        }
        // Shown before it is sent, so that it comes before any reply to it.
        reader.printAbove(message);
        try {
            chat.send(message);
        } catch (IOException e) {
            reader.printAbove("Not sent: " + e.getMessage());
        }
    }
}
