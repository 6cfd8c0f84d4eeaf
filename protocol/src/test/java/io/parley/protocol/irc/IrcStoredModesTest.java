package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.MemberRef;
import io.parley.core.room.RoomModeLink;
import io.parley.core.room.RoomModes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link IrcStoredModes}, without sockets: what of a MODE is stored and told, and how another node takes it. */
class IrcStoredModesTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String OP = "op!~op@h";

    @Test
    void everythingButAMembersStatusIsKept() {
        assertThat(IrcStoredModes.kept(List.of("+ob-vk", "alice", "bad!*@*", "bob", "*")))
                .containsExactly("+b-k", "bad!*@*", "*");
        assertThat(IrcStoredModes.kept(List.of("+o-v", "alice", "bob"))).isEmpty();
        assertThat(IrcStoredModes.kept(List.of("-l+im"))).containsExactly("-l+im");
    }

    @Test
    void theStoresChangeHoldsOnlyWhatChangedAndTheListsEntryByEntry() {
        IrcChannelState state = IrcChannelState.founded(new MemberRef("a", 1, "op"), NOW);
        List<String> kept = List.of("+kbi-e", "sesame", "bad!*@*", "good!*@*");
        state.setKey("sesame");
        RoomModes.Change change = IrcStoredModes.change(7, state.keep(), false, kept, OP, NOW);
        assertThat(change).isEqualTo(new RoomModes.Change(7, "i", "", true, "sesame", RoomModes.Change.LIMIT_UNCHANGED,
                List.of(new RoomModes.Entry('b', "bad!*@*", OP, NOW)), List.of(new RoomModes.Entry('e', "good!*@*", OP, NOW))));
        // The first change stored also carries what the channel was founded with (+nt), no row holding it yet.
        assertThat(IrcStoredModes.change(7, state.keep(), true, List.of("+i"), OP, NOW))
                .isEqualTo(new RoomModes.Change(7, "nti", "", true, "sesame", 0, List.of(), List.of()));
        assertThat(state.kept()).isTrue();
    }

    @Test
    void anotherNodesChangeIsAppliedAloneNotWithThatNodesWholeSettings() {
        IrcChannelState state = IrcChannelState.serverHeld(NOW);
        state.keep(); // this node stored a change of its own before
        state.setLimit(5);
        state.addEntry('b', "old!*@*", OP, NOW);
        IrcStoredModes.apply(state, "#c", new RoomModeLink.Notice(7, OP, NOW, List.of("+bk-b", "new!*@*", "sesame", "old!*@*"),
                "imnt", "sesame", 0));
        // The notice's "imnt" and no limit are that node's view: only +k came, this node's +l 5 stays.
        assertThat(state.settings()).isEqualTo(new IrcChannelState.Settings("n", "sesame", 5));
        assertThat(state.entries('b')).containsExactly(new IrcMaskLists.Entry("new!*@*", OP, NOW));
        assertThat(state.refusal("new!~n@h", "new", "sesame", 1)).map(IrcChannelState.Refusal::numeric).contains("474");
        assertThat(state.kept()).isTrue();
    }

    @Test
    void aStoredChannelRestoresItsSettingsAndListsAndAnEmptiedOneKeepsThemForItsNextFounder() {
        IrcChannelState state = IrcChannelState.serverHeld(NOW);
        state.restore(new RoomModes(7, "int", "sesame", 3, List.of(new RoomModes.Entry('I', "friend!*@*", OP, NOW))));
        assertThat(state.modeParams(true)).containsExactly("+iklnt", "sesame", "3");
        MemberRef founder = new MemberRef("a", 2, "friend");
        state.refound(founder);
        assertThat(state.isOp(founder)).isTrue();
        assertThat(state.refusal("friend!~f@h", "friend", "sesame", 0)).isEmpty();
        assertThat(state.refusal("other!~o@h", "other", "sesame", 0)).map(IrcChannelState.Refusal::numeric).contains("473");
    }

    @Test
    void aCopyNotKeptYetTakesTheSettingsOfTheFirstChangeItHearsOf() {
        IrcChannelState state = IrcChannelState.serverHeld(NOW);
        IrcStoredModes.apply(state, "#c", new RoomModeLink.Notice(7, OP, NOW, List.of("+k", "sesame"), "nt", "sesame", 0));
        assertThat(state.settings()).isEqualTo(new IrcChannelState.Settings("nt", "sesame", 0));
        IrcStoredModes.apply(state, "#c", new RoomModeLink.Notice(7, OP, NOW, List.of("+i"), "int", null, 0));
        assertThat(state.settings()).isEqualTo(new IrcChannelState.Settings("int", "sesame", 0));
    }

    @Test
    void aReadOfTheStoreBegunBeforeAChangeDoesNotUndoIt() {
        IrcChannelState state = IrcChannelState.serverHeld(NOW);
        RoomModes older = new RoomModes(7, "n", null, 0, List.of());
        long mark = state.changeMark();
        IrcStoredModes.apply(state, "#c", new RoomModeLink.Notice(7, OP, NOW, List.of("+i"), "in", null, 0));
        state.changed();
        assertThat(state.restoreIfUnchangedSince(mark, older)).isFalse();
        assertThat(state.settings().flags()).isEqualTo("in");
        state.storing(true); // a change of this node's own is being stored: no read may restore meanwhile
        assertThat(state.changeMark()).isEqualTo(-1);
        assertThat(state.restoreIfUnchangedSince(state.changeMark(), older)).isFalse();
        state.storing(false);
        assertThat(state.restoreIfUnchangedSince(state.changeMark(), new RoomModes(7, "imn", null, 0, List.of()))).isTrue();
        assertThat(state.settings().flags()).isEqualTo("imn");
    }
}
