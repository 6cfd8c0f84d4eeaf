package io.parley.protocol.irc;

import java.util.ArrayList;
import java.util.List;

/**
 * A channel {@code MODE} command's mode string and arguments, read by the rules of the
 * {@code CHANMODES} and {@code PREFIX} tokens the server advertises (Modern IRC, "Channel
 * modes"): a list mode (type A, {@code b e I}) takes an argument both ways, and without one asks for
 * the list; a type B mode ({@code k}) takes one to set and, if given, to unset; a type C mode
 * ({@code l}) only to set; a type D mode ({@code Cimnst}) never; a prefix mode ({@code o v}) always.
 * At most {@code MODES} changes with an argument are taken from one command; the rest are
 * ignored, as servers do.
 *
 * <p>Immutable and thread-safe.
 *
 * @param changes  the changes in the order given
 * @param unknown  mode characters the server does not have ({@code 472 ERR_UNKNOWNMODE} each)
 * @param missing  modes given without the argument they need (ignored; {@code 696} or {@code 461})
 */
public record IrcModeChanges(List<Change> changes, List<Character> unknown, List<Character> missing) {

    /** One change: {@code argument} is null for a mode that takes none, or for a list query. */
    public record Change(boolean add, char mode, String argument) {
        /** Whether this asks for a list ({@code MODE #c b} or {@code +b} alone) rather than changing it. */
        public boolean isListQuery(ChannelModes modes) {
            return argument == null && modes.list().indexOf(mode) >= 0;
        }
    }

    /** The channel modes a server has, by type, as {@code CHANMODES=A,B,C,D} and {@code PREFIX=(modes)symbols}. */
    public record ChannelModes(String list, String alwaysArgument, String argumentToSet, String noArgument,
            String prefix, int maxArguments) {

        /** Parley's: {@code CHANMODES=beI,k,l,Cimnst}, {@code PREFIX=(ov)@+}, {@code MODES=4}. */
        public static ChannelModes parley() {
            return new ChannelModes(IrcMaskLists.MODES, "k", "l", "Cimnst", "ov", 4);
        }
    }

    public IrcModeChanges {
        changes = List.copyOf(changes);
        unknown = List.copyOf(unknown);
        missing = List.copyOf(missing);
    }

    /** Reads {@code modestring} (such as {@code +ok-v}) and its {@code arguments}. */
    public static IrcModeChanges parse(String modestring, List<String> arguments, ChannelModes modes) {
        List<Change> changes = new ArrayList<>();
        List<Character> unknown = new ArrayList<>();
        List<Character> missing = new ArrayList<>();
        boolean add = true;
        int next = 0;
        int withArgument = 0;
        for (int i = 0; i < modestring.length(); i++) {
            char mode = modestring.charAt(i);
            if (mode == '+' || mode == '-') {
                add = mode == '+';
                continue;
            }
            boolean list = modes.list().indexOf(mode) >= 0;
            boolean needs = modes.prefix().indexOf(mode) >= 0 || modes.alwaysArgument().indexOf(mode) >= 0
                    || (add && modes.argumentToSet().indexOf(mode) >= 0);
            boolean takes = list || needs || modes.alwaysArgument().indexOf(mode) >= 0;
            boolean known = takes || modes.argumentToSet().indexOf(mode) >= 0 || modes.noArgument().indexOf(mode) >= 0;
            if (!known) {
                unknown.add(mode);
                continue;
            }
            if (!takes) {
                changes.add(new Change(add, mode, null));
                continue;
            }
            String argument = next < arguments.size() ? arguments.get(next) : null;
            if (argument != null) {
                next++;
                if (++withArgument > modes.maxArguments()) {
                    continue;
                }
                changes.add(new Change(add, mode, argument));
            } else if (list) {
                changes.add(new Change(add, mode, null));
            } else if (!add && modes.alwaysArgument().indexOf(mode) >= 0) {
                changes.add(new Change(false, mode, null)); // "-k" without the key: servers unset it anyway
            } else {
                missing.add(mode);
            }
        }
        return new IrcModeChanges(changes, unknown, missing);
    }
}
