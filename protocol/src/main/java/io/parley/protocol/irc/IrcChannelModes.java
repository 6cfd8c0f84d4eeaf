package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

import io.parley.core.room.MemberRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A channel {@code MODE} change applied to an {@link IrcChannelState}: which changes take
 * effect, the line that announces them ({@code +o-v alice bob}) and the replies the sender gets
 * (ban, exception and invite-exception lists, {@code 472}, {@code 482}, {@code 441}, {@code 401},
 * {@code 478}, {@code 696}). Socket-free:
 * the caller says who the sender may act as and how nicks are found in the room.
 */
final class IrcChannelModes {

    /** The modes Parley's channels have: {@code CHANMODES=beI,k,l,Cimnst}, {@code PREFIX=(ov)@+}, {@code MODES=4}. */
    static final IrcModeChanges.ChannelModes MODES = IrcModeChanges.ChannelModes.parley();

    /** How the channel's members are found by nick. */
    interface Members {
        /** The member of the room with this nick (any protocol), if there is one. */
        Optional<MemberRef> inRoom(String nick);

        /** Whether anybody on the server has this nick (for {@code 441} rather than {@code 401}). */
        boolean exists(String nick);

        /** The nick a member is shown under. */
        String nickOf(MemberRef member);
    }

    /**
     * What applying a MODE gave.
     *
     * @param replies  numerics for the sender, each its numeric then its parameters (after the
     *                 sender's nick)
     * @param applied  the mode string and its arguments as relayed ({@code MODE #chan <applied>}),
     *                 empty if nothing changed
     */
    record Outcome(List<List<String>> replies, List<String> applied) {}

    private IrcChannelModes() {}

    /**
     * Applies {@code modestring} and its {@code arguments} to {@code state}, the channel shown as
     * {@code channel}. {@code privileged}: the sender is a channel operator (or an IRC operator);
     * others may only list bans (the exception lists are the operators'). {@code setBy} is the sender's source, kept with a ban.
     */
    static Outcome apply(IrcChannelState state, String channel, String modestring, List<String> arguments,
            boolean privileged, Members members, String setBy, Instant now) {
        IrcModeChanges parsed = IrcModeChanges.parse(modestring, arguments, MODES);
        List<List<String>> replies = new ArrayList<>();
        for (char unknown : parsed.unknown()) {
            replies.add(List.of(ERR_UNKNOWNMODE, Character.toString(unknown), "is unknown mode char to me"));
        }
        StringBuilder modes = new StringBuilder();
        List<String> args = new ArrayList<>();
        char[] sign = {0};
        boolean refused = false;
        for (IrcModeChanges.Change change : parsed.changes()) {
            if (change.isListQuery(MODES)) {
                if (change.mode() != 'b' && !privileged) {
                    // Exception lists say who is let past the channel's rules: for its operators only.
                    if (!refused) {
                        replies.add(List.of(ERR_CHANOPRIVSNEEDED, channel, "You're not a channel operator"));
                        refused = true;
                    }
                    continue;
                }
                IrcModeLists.Kind kind = IrcModeLists.kind(change.mode());
                for (IrcMaskLists.Entry entry : state.entries(change.mode())) {
                    replies.add(List.of(kind.item(), channel, entry.mask(), entry.setBy(),
                            Long.toString(entry.setAt().getEpochSecond())));
                }
                replies.add(List.of(kind.end(), channel, kind.endText()));
                continue;
            }
            if (!privileged) {
                if (!refused) {
                    replies.add(List.of(ERR_CHANOPRIVSNEEDED, channel, "You're not a channel operator"));
                    refused = true;
                }
                continue;
            }
            char mode = change.mode();
            boolean add = change.add();
            String argument = change.argument();
            switch (mode) {
                case 'o', 'v' -> {
                    Optional<MemberRef> target = members.inRoom(argument);
                    if (target.isEmpty()) {
                        replies.add(members.exists(argument)
                                ? List.of(ERR_USERNOTINCHANNEL, argument, channel, "They aren't on that channel")
                                : List.of(ERR_NOSUCHNICK, argument, "No such nick/channel"));
                        continue;
                    }
                    boolean changed = mode == 'o' ? state.setOp(target.get(), add) : state.setVoice(target.get(), add);
                    if (changed) {
                        append(modes, args, sign, add, mode, members.nickOf(target.get()));
                    }
                }
                case 'k' -> {
                    if (!add) {
                        if (state.setKey(null)) {
                            append(modes, args, sign, false, 'k', "*");
                        }
                    } else if (!validKey(argument)) {
                        replies.add(List.of(ERR_INVALIDMODEPARAM, channel, "k", "*",
                                "Invalid key: 1 to " + IrcChannelState.MAX_KEY_LENGTH
                                        + " characters without spaces, commas or control characters"));
                    } else if (state.setKey(argument)) {
                        append(modes, args, sign, true, 'k', argument);
                    }
                }
                case 'l' -> {
                    if (!add) {
                        if (state.setLimit(0)) {
                            append(modes, args, sign, false, 'l', null);
                        }
                    } else {
                        int limit = limit(argument);
                        if (limit <= 0) {
                            replies.add(List.of(ERR_INVALIDMODEPARAM, channel, "l", argument.isEmpty() ? "*" : argument,
                                    "Invalid limit: a whole number from 1"));
                        } else if (state.setLimit(limit)) {
                            append(modes, args, sign, true, 'l', Integer.toString(limit));
                        }
                    }
                }
                case 'b', 'e', 'I' -> {
                    String mask = IrcExtbans.normalize(argument);
                    if (add) {
                        if (state.isListFull(mode)) {
                            replies.add(List.of(ERR_BANLISTFULL, channel, Character.toString(mode),
                                    IrcModeLists.kind(mode).fullText()));
                        } else if (state.addEntry(mode, mask, setBy, now)) {
                            append(modes, args, sign, true, mode, mask);
                        }
                    } else {
                        state.removeEntry(mode, mask).ifPresent(removed -> append(modes, args, sign, false, mode, removed));
                    }
                }
                default -> {
                    if (state.setFlag(mode, add)) {
                        append(modes, args, sign, add, mode, null);
                    }
                }
            }
        }
        if (privileged) {
            for (char missing : parsed.missing()) {
                replies.add(List.of(ERR_INVALIDMODEPARAM, channel, Character.toString(missing), "*",
                        "You must specify a parameter for the " + missing + " mode"));
            }
        }
        List<String> applied = new ArrayList<>();
        if (modes.length() > 0) {
            applied.add(modes.toString());
            applied.addAll(args);
        }
        return new Outcome(replies, applied);
    }

    private static void append(StringBuilder modes, List<String> args, char[] sign, boolean add, char mode, String argument) {
        char wanted = add ? '+' : '-';
        if (sign[0] != wanted) {
            modes.append(wanted);
            sign[0] = wanted;
        }
        modes.append(mode);
        if (argument != null) {
            args.add(argument);
        }
    }

    /**
     * A key is 1 to {@link IrcChannelState#MAX_KEY_LENGTH} printable ASCII characters other than
     * space and comma (RFC 2812's key, which a JOIN line can carry).
     */
    static boolean validKey(String key) {
        if (key == null || key.isEmpty() || key.length() > IrcChannelState.MAX_KEY_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c > ' ' && c < 0x7F && c != ',');
    }

    /** The limit a {@code +l} argument gives, or 0 when it is not a whole number from 1. */
    static int limit(String argument) {
        if (argument == null || !argument.matches("[0-9]{1,9}")) {
            return 0;
        }
        return Integer.parseInt(argument);
    }
}
