package io.parley.client.account;

/**
 * BM: {@code C BM}, {@code C OK send the message}, {@code D <text>}, {@code C OK sent to <n> users}
 * (spec: {@code shared/specs/account.md}, "Operations"). Session thread only.
 */
final class BroadcastOperation implements Operation {

    static final String ASK = "Enter the public message: ";
    static final String SENT = "Public message sent.";

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
        connection.send(composer.compose(ASK, text -> "D " + text));
        Reply sent = connection.next();
        screen.print(sent.isOk() ? SENT : "Not sent: " + sent.describe());
    }
}
