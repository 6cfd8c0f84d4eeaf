package io.parley.protocol.irc;

import io.parley.core.room.Room;
import io.parley.protocol.ChannelMember;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One IRC connection's user: nick, user name, host, real name, away text, capabilities and the
 * rooms it is in. Written on the connection's event loop only; other connections read the
 * volatile fields and the room map (WHOIS, WHO, NAMES) from theirs.
 */
final class IrcSession {

    private final ChannelMember member;
    private final String host;
    final IrcCapNegotiation caps;
    private volatile String nick;
    /** The Parley name {@link #nick} stands for. */
    private volatile String name;
    /** {@link #name}'s key ({@link io.parley.core.text.NameKeys}), made once per rename, not per delivery. */
    private volatile String nameKey;
    private volatile String user;
    private volatile String realName = "";
    private volatile String away;
    private volatile boolean registered;
    private volatile boolean invisible;
    private volatile boolean wallops;
    private volatile boolean bot;
    private volatile boolean operator;
    /** The connection, so that an operator's KILL can close it from another loop. */
    private final io.netty.channel.Channel channel;
    /**
     * Who this connection is in private-message history while it uses a nick no account of its
     * own owns ({@link IrcConversations#party}): unique to the connection, never sent to anyone.
     */
    final String guestToken = java.util.UUID.randomUUID().toString();
    /** The account logged in with SASL, or null. */
    private volatile String account;
    /** This user's entry in the server's presence under {@link #name}, or null before it has one. */
    IrcRecipient recipient;
    /** One SASL exchange at a time. */
    final IrcSaslExchange sasl = new IrcSaslExchange();
    /** Rooms by ref. */
    final Map<Integer, Room> rooms = new ConcurrentHashMap<>();
    /** labeled-response and batch state (event loop only). */
    final IrcLabels labels = new IrcLabels();
    final IrcBatches batches = new IrcBatches();
    /** draft/metadata-3: this user's keys and subscriptions ({@link IrcMetadata}). */
    final IrcMetadataSession metadata = new IrcMetadataSession();

    IrcSession(io.netty.channel.Channel channel, ChannelMember member, String host, IrcCapNegotiation caps) {
        this.channel = channel;
        this.member = member;
        this.host = host;
        this.caps = caps;
    }

    ChannelMember member() {
        return member;
    }

    /** The nick, or {@code *} before one was granted (what numerics address). */
    String nick() {
        String current = nick;
        return current == null ? "*" : current;
    }

    boolean hasNick() {
        return nick != null;
    }

    String name() {
        return name;
    }

    /** {@link #name}'s key, or null before it has a name. */
    String nameKey() {
        return nameKey;
    }

    void rename(String nick, String name) {
        this.nick = nick;
        this.name = name;
        this.nameKey = name == null ? null : io.parley.core.text.NameKeys.key(name);
    }

    String user() {
        return user;
    }

    void user(String user, String realName) {
        this.user = user;
        this.realName = realName;
    }

    boolean hasUser() {
        return user != null;
    }

    String realName() {
        return realName;
    }

    String host() {
        return host;
    }

    String source() {
        return IrcSources.of(nick(), user == null ? "~u" : user, host);
    }

    String away() {
        return away;
    }

    void away(String text) {
        away = text;
    }

    boolean isRegistered() {
        return registered;
    }

    void registered() {
        registered = true;
    }

    boolean invisible() {
        return invisible;
    }

    void invisible(boolean on) {
        invisible = on;
    }

    boolean wallops() {
        return wallops;
    }

    void wallops(boolean on) {
        wallops = on;
    }

    boolean operator() {
        return operator;
    }

    /** User mode {@code +B}: the user says it is a bot ({@link IrcBotMode}). */
    boolean bot() {
        return bot;
    }

    void bot(boolean on) {
        bot = on;
    }

    void operator(boolean on) {
        operator = on;
    }

    /** The user modes set, as {@code +Biow} or {@code +}. */
    String modes() {
        return "+" + (bot ? "B" : "") + (invisible ? "i" : "") + (operator ? "o" : "") + (wallops ? "w" : "");
    }

    /** Ends the connection from any thread: {@code ERROR :<reason>}, then a close. */
    void kill(String reason) {
        channel.eventLoop().execute(() -> channel.writeAndFlush(IrcMessage.of("ERROR", reason))
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE));
    }

    /** The account this user logged in to (SASL), or null. */
    String account() {
        return account;
    }

    void loggedIn(String account) {
        this.account = account;
    }

    /** Forgets the nick (one refused at registration), so the client must send another. */
    void forgetNick() {
        this.nick = null;
        this.name = null;
        this.nameKey = null;
    }

    boolean has(String capability) {
        return caps.isEnabled(capability);
    }
}
