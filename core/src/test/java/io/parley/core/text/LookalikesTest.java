package io.parley.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class LookalikesTest {

    @Test
    void theLookAlikesOfAColonAndAStarPassForThem() {
        for (int c : new int[] {0xFF1A, 0xA789, 0x2236, 0xFE13, 0x02D0}) {
            assertThat(Lookalikes.looksLike(c, ':')).as("U+%04X", c).isTrue();
        }
        for (int c : new int[] {0x2217, 0xFF0A, 0xFE61, 0x204E, 0x066D}) {
            assertThat(Lookalikes.looksLike(c, '*')).as("U+%04X", c).isTrue();
        }
    }

    /** ASCII characters are answered from a table worked out at start-up: it says what ICU says. */
    @Test
    void everyAsciiCharacterIsAnsweredAsIcuWould() {
        SpoofChecker skeletons = new SpoofChecker.Builder().build();
        for (int c = 0; c < 128; c++) {
            String folded = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKC);
            String skeleton = skeletons.getSkeleton(folded);
            for (char ascii = 0; ascii < 128; ascii++) {
                boolean expected = c == ascii || folded.indexOf(ascii) >= 0 || skeleton.indexOf(ascii) >= 0;
                assertThat(Lookalikes.looksLike(c, ascii)).as("U+%04X like %s", c, (int) ascii).isEqualTo(expected);
            }
        }
        assertThat(Lookalikes.looksLike('a', ':')).isFalse();
        assertThat(Lookalikes.looksLike('I', 'l')).isTrue(); // the confusables (I's skeleton is l), not only the identical
    }
}
