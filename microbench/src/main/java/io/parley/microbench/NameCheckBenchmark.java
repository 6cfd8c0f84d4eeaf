package io.parley.microbench;

import io.parley.protocol.Names;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The checks of a name at a join ({@link Names#problem}): a TCD join checks the user's name and the
 * room's, character by character, before the core sees them. An ASCII name (what the connection
 * storms use) and one with Latin-1 and CJK characters, which takes the ICU path.
 */
public class NameCheckBenchmark extends HotPathBenchmark {

    @Param({"b4711", "Ana Mar\u00EDa \u540D\u524D"})
    public String name;

    /** 1 for a name that passes, 0 for one refused; a refusal would measure the error path. */
    @Benchmark
    public int check() {
        return Names.problem(name, 32).isEmpty() ? 1 : 0;
    }
}
