package dev.lanyard.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every benchmark once, briefly, in this JVM, so that a benchmark that no longer works fails the build instead of rotting. */
class BenchmarkSmokeTest
{
    @Test
    void everyBenchmarkRuns()
            throws RunnerException
    {
        Options options = new OptionsBuilder()
                .include("dev\\.lanyard\\.bench\\..*Benchmark")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .param("roles", "1000")
                .shouldFailOnError(true)
                .build();
        assertThat(new Runner(options).run()).hasSizeGreaterThanOrEqualTo(15);
    }
}
