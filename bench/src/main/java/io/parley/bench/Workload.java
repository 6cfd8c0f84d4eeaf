package io.parley.bench;

/** One of the bench's workloads (W1..W6): runs on a prepared {@link BenchRun} and reports. */
interface Workload {

    BenchResult run(BenchRun run) throws Exception;
}
