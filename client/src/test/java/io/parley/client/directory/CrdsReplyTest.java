package io.parley.client.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrdsReplyTest {

    @Test
    void okAndErrLines() throws Exception {
        assertThat(CrdsReply.parse("OK room r1 created")).isEqualTo(new CrdsReply(true, 0, "room r1 created", List.of()));
        assertThat(CrdsReply.parse("ERR 409 room r1 already exists").readable())
                .isEqualTo("error 409: room r1 already exists");
        assertThatThrownBy(() -> CrdsReply.parse("HELLO")).isInstanceOf(MalformedReplyException.class);
    }

    @Test
    void onlyAGetdirsOkHasRows() throws Exception {
        assertThat(CrdsReply.parse("OK 2").listingSize("getdir")).isEqualTo(2);
        assertThat(CrdsReply.parse("OK 2").listingSize("  GETDIR  ")).isEqualTo(2);
        assertThat(CrdsReply.parse("ERR 400 usage: getdir").listingSize("getdir x")).isZero();
        assertThat(CrdsReply.parse("OK room 2 created").listingSize("makeroom 2 239.0.0.1 5000")).isZero();
    }

    @Test
    void rowsAreRooms() throws Exception {
        CrdsReply listing = CrdsReply.parse("OK 1").withRows(List.of("r1 239.0.0.1 5000"));

        assertThat(listing.rooms()).containsExactly(new DirectoryRoom("r1", "239.0.0.1", 5000));
        assertThatThrownBy(() -> DirectoryRoom.parse("r1 239.0.0.1")).isInstanceOf(MalformedReplyException.class);
    }

    @Test
    void theTableAlignsItsColumns() {
        assertThat(DirectoryTable.render(List.of(new DirectoryRoom("lobby", "239.0.0.1", 5000),
                new DirectoryRoom("a-much-longer-name", "239.255.255.255", 65535)))).isEqualTo(
                        "room                address          port\n"
                        + "lobby               239.0.0.1        5000\n"
                        + "a-much-longer-name  239.255.255.255  65535");
        assertThat(DirectoryTable.render(List.of())).isEqualTo("The directory has no rooms.");
    }
}
