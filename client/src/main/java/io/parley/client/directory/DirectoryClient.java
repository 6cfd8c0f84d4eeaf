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
import org.jline.terminal.Terminal;

/**
 * The interactive directory client (spec: {@code shared/specs/directory.md}; the handout's
 * Lab 4 client): a main prompt {@code parley> }, {@code parley(crds)> } while connected to a
 * directory server, and a chat mode per room ({@link ChatMode}). The commands are a table;
 * errors, the server's included, are printed and the client stays usable.
 *
 * <p>Thread-safety: {@link #run} on one thread, which owns the terminal's input and the
 * directory connection; during chat mode the chat's receiving thread prints too, through
 * {@link LineReader#printAbove}.
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
    private CrdsConnection crds;
    private boolean quitting;

    public DirectoryClient(Terminal terminal, DirectoryClientSettings settings) {
        this.settings = settings;
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("parley")
                // Chat text is sent as typed: no history expansion of "!", no "\" escapes.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        this.out = terminal.writer();
        this.chatMode = new ChatMode(reader);
        this.host = settings.host();
        this.port = settings.port();
        this.chatName = settings.chatName();
    }

    /** Reads and runs commands until {@code quit} or the end of input. */
    public void run() {
        say("Parley directory client. Type help for the commands.");
        while (!quitting) {
            String line;
            try {
                line = reader.readLine(crds == null ? "parley> " : "parley(crds)> ");
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (!line.isBlank() && line.indexOf(ChatMode.LEAVE) < 0) {
                execute(Input.parse(line));
            }
        }
        disconnect();
    }

    private void execute(Input input) {
        Verb verb = BY_NAME.get(input.verb());
        if (verb == null) {
            say("Unknown command " + input.verb() + "; type help for the commands.");
            return;
        }
        try {
            verb.action().run(this, input);
        } catch (IOException e) {
            say("The directory server connection failed: " + e.getMessage());
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
        try {
            crds = CrdsConnection.open(newHost, newPort.getAsInt());
        } catch (IOException e) {
            say("Cannot connect to " + newHost + ":" + newPort.getAsInt() + ": " + e.getMessage());
            return;
        }
        host = newHost;
        port = newPort.getAsInt();
        say("Connected to the directory server at " + host + ":" + port + ".");
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
        Optional<Found> found = lookUp(input.arguments().get(0));
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

    /** Looks {@code name} up (case-insensitively, as the server compares), connecting just for that if needed. */
    private Optional<Found> lookUp(String name) throws IOException {
        if (crds != null) {
            return find(crds.request("getdir"), name, crds.serverAddress());
        }
        try (CrdsConnection once = CrdsConnection.open(host, port)) {
            Optional<Found> found = find(once.request("getdir"), name, once.serverAddress());
            once.request("bye");
            return found;
        }
    }

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
        if (crds != null) {
            try {
                crds.request("bye");
            } catch (IOException ignored) {
                // the connection is being closed either way
            }
            dropConnection();
        }
    }

    private void dropConnection() {
        try (CrdsConnection closing = crds) {
            crds = null;
        } catch (IOException ignored) {
            // nothing to do about a socket that does not close cleanly
        }
    }

    private void say(String text) {
        out.println(text);
        out.flush();
    }
}
