package io.parley.client.directory;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * The interactive directory client (spec: {@code shared/specs/directory.md}; the handout's
 * Lab 4 client): a main prompt {@code parley> }, {@code parley(crds)> } while connected to a
 * directory server, and a chat mode per room ({@link ChatMode}). The commands are a table;
 * errors, the server's included, are printed and the client stays usable. {@code connect}
 * makes sure a directory server answers (its {@code getdir}) before saying it is connected; when
 * that server goes away, the client says so at once and the prompt goes back to {@code parley> }.
 * Keys as in a shell: Ctrl-C drops the line being typed, Ctrl-D on an empty line quits (in chat
 * mode: leaves the room, like Ctrl-]).
 *
 * <p>Thread-safety: {@link #run} on one thread, which owns the terminal's input and the
 * directory connection; the connection's reader thread and, in chat mode, the chat's receiving
 * thread print too, through {@link LineReader#printAbove}; the reader thread changes the prompt
 * only through a widget, which JLine runs under its lock while a line is being read.
 */
public final class DirectoryClient {

    /** A typed command: the whole line, its first word, the words after it, and the text after it. */
    private record Input(String line, String verb, List<String> arguments, String rest) {
        static Input parse(String line) {
            String text = line.strip();
            String[] words = text.split("\\s+");
            String rest = text.substring(words[0].length()).strip();
            return new Input(text, words[0].toLowerCase(Locale.ROOT), List.of(words).subList(1, words.length), rest);
        }
    }

    @FunctionalInterface
    private interface Action {
        void run(DirectoryClient client, Input input) throws IOException;
    }

    private record Verb(String name, String usage, String help, Action action) {}

    private static final List<Verb> VERBS = List.of(
            new Verb("connect", "connect [host] [port]", "connect to the directory server", DirectoryClient::connect),
            new Verb("getdir", "getdir", "list the rooms (connected)", DirectoryClient::directoryCommand),
            new Verb("makeroom", "makeroom <name> <address> <port>", "make a room on a 239.x.x.x group (connected)",
                    DirectoryClient::directoryCommand),
            new Verb("deleteroom", "deleteroom <name>", "delete a room (connected)", DirectoryClient::directoryCommand),
            new Verb("bye", "bye", "close the connection to the directory server", DirectoryClient::bye),
            new Verb("name", "name <chat name>", "set the name your messages go under", DirectoryClient::name),
            new Verb("chat", "chat <room>", "chat in a room; Ctrl-] comes back here", DirectoryClient::chat),
            new Verb("help", "help", "list these commands", DirectoryClient::help),
            new Verb("quit", "quit", "leave the client", DirectoryClient::quit));
    static final String MAIN_PROMPT = "parley> ";
    static final String CONNECTED_PROMPT = "parley(crds)> ";
    private static final String REFRESH_PROMPT_WIDGET = "parley-refresh-prompt";

    private static final Map<String, Verb> BY_NAME =
            VERBS.stream().collect(Collectors.toUnmodifiableMap(Verb::name, Function.identity()));

    private final DirectoryClientSettings settings;
    private final LineReader reader;
    private final PrintWriter out;
    private final ChatMode chatMode;
    /** The server {@code connect} and room look-ups use: the command line's, then the last connected. */
    private String host;
    private int port;
    private String chatName;
    /** Set and cleared by the input thread; read by the widget on the connection's reader thread. */
    private volatile CrdsConnection crds;
    /** The main loop's prompt while it reads a line, else null (chat mode has its own). */
    private volatile String promptShown;
    private boolean quitting;

    public DirectoryClient(Terminal terminal, DirectoryClientSettings settings) {
        this.settings = settings;
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("parley")
                // Chat text is sent as typed: no history expansion of "!", no "\" escapes.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        this.out = terminal.writer();
        this.chatMode = new ChatMode(reader);
        // The init callback closes the race with a connection that ends just before a read starts.
        reader.getWidgets().put(REFRESH_PROMPT_WIDGET, this::refreshPrompt);
        reader.getWidgets().put(LineReader.CALLBACK_INIT, this::refreshPrompt);
        this.host = settings.host();
        this.port = settings.port();
        this.chatName = settings.chatName();
    }

    /** Reads and runs commands until {@code quit} or the end of input. */
    public void run() {
        say("Parley directory client. Type help for the commands.");
        while (!quitting) {
            dropEndedConnection();
            String line;
            promptShown = crds == null ? MAIN_PROMPT : CONNECTED_PROMPT;
            try {
                line = reader.readLine(promptShown);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C: the line is dropped, as in a shell
            } catch (EndOfFileException e) {
                break;
            } finally {
                promptShown = null;
            }
            if (!line.isBlank() && line.indexOf(ChatMode.LEAVE) < 0) {
                execute(Input.parse(line));
            }
        }
        disconnect();
    }

    /** A connection the server ended is let go; its reader thread has told the user already. */
    private void dropEndedConnection() {
        if (crds != null && crds.ended()) {
            dropConnection();
        }
    }

    private void execute(Input input) {
        dropEndedConnection(); // it may have ended while the line was typed
        Verb verb = BY_NAME.get(input.verb());
        if (verb == null) {
            say("Unknown command " + input.verb() + "; type help for the commands.");
            return;
        }
        try {
            verb.action().run(this, input);
        } catch (IOException e) {
            if (crds == null || !crds.ended()) { // an ended one was reported by its reader thread
                say("The directory server connection failed: " + e.getMessage());
            }
            dropConnection();
        } catch (RuntimeException e) {
            // A bug must not end the session: say what failed and take the next command.
            say("The " + input.verb() + " command failed: " + e);
        }
    }

    private void connect(Input input) throws IOException {
        if (crds != null) {
            say("Already connected; bye first to connect elsewhere.");
            return;
        }
        List<String> arguments = input.arguments();
        OptionalInt newPort = arguments.size() < 2 ? OptionalInt.of(port) : tcpPort(arguments.get(1));
        if (arguments.size() > 2 || newPort.isEmpty()) {
            say("Usage: connect [host] [port], the port 1-65535");
            return;
        }
        String newHost = arguments.isEmpty() ? host : arguments.get(0);
        DirectoryListing listing;
        try {
            listing = DirectoryListing.open(newHost, newPort.getAsInt(), settings.tls(), this::lost,
                    settings.firstReplyTimeout());
        } catch (DirectoryUnavailableException e) {
            say(e.getMessage());
            return;
        }
        crds = listing.connection();
        host = newHost;
        port = newPort.getAsInt();
        say("Connected to the directory server at " + host + ":" + port + ".");
        if (crds.ended()) {
            lost(crds, crds.endReason().orElse("closed the connection")); // before it was ours to report
        }
    }

    /**
     * On the connection's reader thread: the server went away. Says so above whatever is being
     * typed and, if the connected prompt is showing, puts the main prompt in its place.
     */
    private void lost(CrdsConnection connection, String reason) {
        if (connection != crds || !connection.claimEndReport()) {
            return; // not (or no longer) the client's connection, or said already
        }
        try {
            reader.callWidget(REFRESH_PROMPT_WIDGET);
        } catch (IllegalStateException notReading) {
            // No line is being read: the next prompt is chosen afresh (and the init widget checks again).
        }
        reader.printAbove("The directory server at " + connection.address() + " " + reason
                + "; you are disconnected (connect to try again).");
    }

    /** A widget, so it runs under the reader's lock: the connected prompt goes once the connection has ended. */
    private boolean refreshPrompt() {
        CrdsConnection connection = crds;
        if (CONNECTED_PROMPT.equals(promptShown) && (connection == null || connection.ended())) {
            promptShown = MAIN_PROMPT;
            ((LineReaderImpl) reader).setPrompt(MAIN_PROMPT);
        }
        return true;
    }

    private static OptionalInt tcpPort(String text) {
        int port = text.matches("\\d{1,5}") ? Integer.parseInt(text) : 0;
        return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** getdir, makeroom, deleteroom: sent as typed; the server checks them. */
    private void directoryCommand(Input input) throws IOException {
        if (crds == null) {
            say("Not connected: connect first.");
            return;
        }
        CrdsReply reply = crds.request(input.line());
        boolean listing = reply.ok() && input.verb().equals("getdir");
        say(listing ? DirectoryTable.render(reply.rooms()) : reply.readable());
    }

    private void bye(Input input) throws IOException {
        if (crds == null) {
            say("Not connected.");
            return;
        }
        CrdsReply reply;
        try (CrdsConnection closing = crds) {
            crds = null;
            reply = closing.request("bye");
        }
        say(reply.ok() ? "Disconnected from the directory server." : reply.readable());
    }

    private void name(Input input) {
        String name = input.rest();
        if (name.isEmpty()) {
            say("Your chat name is " + chatName + ".");
        } else if (name.codePoints().anyMatch(Character::isISOControl)) {
            say("A chat name cannot hold control characters.");
        } else {
            chatName = name;
            say("Your messages now go out as " + chatName + ".");
        }
    }

    private void chat(Input input) throws IOException {
        if (input.arguments().size() != 1) {
            say("Usage: chat <room>");
            return;
        }
        Optional<DirectoryListing> listing = currentListing();
        if (listing.isEmpty()) {
            return; // why was said
        }
        Optional<Found> found = find(listing.get().reply(), input.arguments().get(0),
                listing.get().connection().serverAddress());
        if (found.isEmpty()) {
            say("The directory has no room named " + input.arguments().get(0) + " (getdir lists them).");
            return;
        }
        DirectoryRoom room = found.get().room();
        Optional<NetworkInterface> via;
        try {
            via = MulticastInterfaces.choose(settings.multicastInterface(), found.get().server());
        } catch (IOException e) {
            say("Cannot chat: " + e.getMessage());
            return;
        }
        String where = room.address() + ":" + room.port() + via.map(i -> " on " + i.getName()).orElse("");
        MulticastChat chat;
        try {
            chat = MulticastChat.join(room.group(), via, reader::printAbove);
        } catch (IOException e) {
            say("Cannot join " + room.name() + " (" + where + "): " + e.getMessage());
            return;
        }
        say("Chatting in " + room.name() + " (" + where + ") as " + chatName + ". Ctrl-] returns to the main prompt.");
        try (chat) {
            chatMode.run(chat, chatName, room.name());
        }
        say("Left " + room.name() + ".");
    }

    /** A room found in the directory, and the address of the server that listed it. */
    private record Found(DirectoryRoom room, InetAddress server) {}

    /** The directory as it is now, over a connection made just for that if there is none; empty if it failed. */
    private Optional<DirectoryListing> currentListing() throws IOException {
        if (crds != null) {
            return Optional.of(new DirectoryListing(crds, crds.request("getdir")));
        }
        DirectoryListing listing;
        try {
            listing = DirectoryListing.open(host, port, settings.tls(), (connection, reason) -> { },
                    settings.firstReplyTimeout());
        } catch (DirectoryUnavailableException e) {
            say(e.getMessage());
            return Optional.empty();
        }
        try (CrdsConnection once = listing.connection()) {
            once.request("bye");
        } catch (IOException e) {
            // the listing is what was wanted; a failed goodbye spoils nothing
        }
        return Optional.of(listing);
    }

    /** Looks {@code name} up case-insensitively, as the server compares. */
    private static Optional<Found> find(CrdsReply listing, String name, InetAddress server) throws IOException {
        if (!listing.ok()) {
            throw new MalformedReplyException("getdir failed: " + listing.readable());
        }
        return listing.rooms().stream().filter(room -> room.name().equalsIgnoreCase(name)).findFirst()
                .map(room -> new Found(room, server));
    }

    private void help(Input input) {
        int width = VERBS.stream().mapToInt(verb -> verb.usage().length()).max().orElse(0);
        StringBuilder help = new StringBuilder("Commands:");
        for (Verb verb : VERBS) {
            help.append(String.format("%n  %-" + width + "s  %s", verb.usage(), verb.help()));
        }
        say(help.toString());
    }

    private void quit(Input input) {
        quitting = true;
    }

    /** On the way out: says bye if connected; a failure here has nothing left to spoil. */
    private void disconnect() {
        CrdsConnection leaving = crds;
        crds = null; // its close after the bye is expected, not news
        if (leaving != null) {
            try {
                leaving.request("bye");
            } catch (IOException ignored) {
                // the connection is being closed either way
            }
            closeQuietly(leaving);
        }
    }

    private void dropConnection() {
        CrdsConnection closing = crds;
        crds = null;
        if (closing != null) {
            closeQuietly(closing);
        }
    }

    private static void closeQuietly(CrdsConnection connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // nothing to do about a socket that does not close cleanly
        }
    }

    private void say(String text) {
        out.println(text);
        out.flush();
    }
}
