package io.parley.client.account;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BM: {@code C BM}, {@code C OK send the message}, {@code D <text>}, {@code C OK sent to <n> users}
 * (spec: {@code shared/specs/account.md}, "Operations"), and how many received it, as the server
 * counted. Session thread only.
 */
final class BroadcastOperation implements Operation {

    static final String ASK = "Enter the public message: ";
    static final String SENT = "Public message sent.";

    private static final Pattern SENT_TO = Pattern.compile("C OK sent to (\\d{1,9}) users?");

    private final ServerConnection connection;
    private final Screen screen;
    private final Composer composer;

    BroadcastOperation(ServerConnection connection, Screen screen, Composer composer) {
        this.connection = connection;
        this.screen = screen;
        this.composer = composer;
    }

    @Override
    public void run() throws SessionEnded, InputClosed {
        connection.send("C BM");
        Reply ready = connection.next();
        if (!ready.isOk()) {
            screen.print("Not sent: " + ready.describe());
            return;
        }
        connection.send(composer.compose(ASK, text -> "D " + text).frame());
        Reply sent = connection.next();
        screen.print(sent.isOk() ? SENT + received(sent) : "Not sent: " + sent.describe());
    }

    /** {@code " 2 users received it."}, from {@code C OK sent to 2 users}; empty if the server did not say. */
    static String received(Reply sent) {
        Matcher count = SENT_TO.matcher(sent.line());
        if (!count.matches()) {
            return "";
        }
        long users = Long.parseLong(count.group(1));
        if (users == 0) {
            return " Nobody else was there to receive it.";
        }
        return " " + users + (users == 1 ? " user" : " users") + " received it.";
    }
}
