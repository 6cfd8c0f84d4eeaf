package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModeChanges.ChannelModes;
import io.parley.protocol.irc.IrcModeChanges.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrcModeChangesTest {

    private static final ChannelModes MODES = ChannelModes.parley();

    private static IrcModeChanges parse(String modestring, String... arguments) {
        return IrcModeChanges.parse(modestring, List.of(arguments), MODES);
    }

    @Test
    void eachTypeTakesItsArgument() {
        IrcModeChanges changes = parse("+ntk-l+ov", "sekrit", "alice", "bob");
        assertThat(changes.changes()).containsExactly(new Change(true, 'n', null), new Change(true, 't', null),
                new Change(true, 'k', "sekrit"), new Change(false, 'l', null), new Change(true, 'o', "alice"),
                new Change(true, 'v', "bob"));
        assertThat(changes.unknown()).isEmpty();
        assertThat(changes.missing()).isEmpty();
    }

    @Test
    void aLimitTakesAnArgumentOnlyToSet() {
        assertThat(parse("+l-l", "10").changes()).containsExactly(new Change(true, 'l', "10"), new Change(false, 'l', null));
        assertThat(parse("+l").missing()).containsExactly('l');
    }

    @Test
    void aListModeWithoutAnArgumentIsAQuery() {
        IrcModeChanges query = parse("b");
        assertThat(query.changes()).containsExactly(new Change(true, 'b', null));
        assertThat(query.changes().get(0).isListQuery(MODES)).isTrue();
        IrcModeChanges ban = parse("+b-b", "*!*@bad", "*!*@good");
        assertThat(ban.changes()).containsExactly(new Change(true, 'b', "*!*@bad"), new Change(false, 'b', "*!*@good"));
        assertThat(ban.changes().get(0).isListQuery(MODES)).isFalse();
    }

    @Test
    void minusKWithoutTheKeyStillUnsetsIt() {
        assertThat(parse("-k").changes()).containsExactly(new Change(false, 'k', null));
        assertThat(parse("-k", "whatever").changes()).containsExactly(new Change(false, 'k', "whatever"));
        assertThat(parse("+k").missing()).containsExactly('k');
    }

    @Test
    void unknownModesAndMissingArgumentsAreReportedNotApplied() {
        IrcModeChanges changes = parse("+Xnz-o");
        assertThat(changes.unknown()).containsExactly('X', 'z');
        assertThat(changes.missing()).containsExactly('o');
        assertThat(changes.changes()).containsExactly(new Change(true, 'n', null));
    }

    @Test
    void atMostModesChangesWithAnArgumentAreTaken() {
        IrcModeChanges changes = parse("+ooooo", "a", "b", "c", "d", "e");
        assertThat(changes.changes()).extracting(Change::argument).containsExactly("a", "b", "c", "d");
    }

    @Test
    void theModesMatchWhatIsupportAdvertises() {
        assertThat(IrcIsupport.parley("P", 1).value("CHANMODES"))
                .isEqualTo(MODES.list() + "," + MODES.alwaysArgument() + "," + MODES.argumentToSet() + "," + MODES.noArgument());
        assertThat(IrcIsupport.parley("P", 1).value("PREFIX")).startsWith("(" + MODES.prefix() + ")");
        assertThat(IrcIsupport.parley("P", 1).value("MODES")).isEqualTo(Integer.toString(MODES.maxArguments()));
    }
}
