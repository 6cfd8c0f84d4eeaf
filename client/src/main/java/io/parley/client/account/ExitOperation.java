package io.parley.client.account;

/**
 * EX: {@code C EX}, {@code C OK bye}, and the server closes (spec: {@code shared/specs/account.md},
 * "Operations"). {@code Bye!} is printed even if the server went first. Session thread only.
 */
final class ExitOperation implements Operation {

    static final String BYE = "Bye!";

    private final ServerConnection connection;
    private final Screen screen;

    ExitOperation(ServerConnection connection, Screen screen) {
        this.connection = connection;
        this.screen = screen;
    }

    @Override
    public void run() {
        connection.leaving();
        try {
            connection.send("C EX");
            connection.next(); // C OK bye
        } catch (SessionEnded e) {
            // the server closed first: we are leaving anyway
        }
        screen.print(BYE);
    }
}
