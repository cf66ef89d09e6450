package dev.lanyard.policy.reference;

import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.EvaluationResult;
import dev.lanyard.policy.evaluation.RequestContext;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The compiled engine against the reference evaluator on random policies and requests. */
final class DifferentialTest
{
    private static final int SCENARIOS = 2_500;
    private static final int REQUESTS_PER_SCENARIO = 40;

    @Test
    void compiledEngineAgreesWithReference()
    {
        long seed = Long.getLong("policy.seed", 20261123L);
        RandomPolicies generator = new RandomPolicies(seed);
        Map<EvaluationResult, Integer> results = new EnumMap<>(EvaluationResult.class);
        int cases = 0;
        long generatingNanos = 0;
        long compiledNanos = 0;
        long referenceNanos = 0;
        for (int scenarioIndex = 0; scenarioIndex < SCENARIOS; scenarioIndex++) {
            long start = System.nanoTime();
            RandomPolicies.Scenario scenario = generator.scenario();
            generatingNanos += System.nanoTime() - start;
            for (int requestIndex = 0; requestIndex < REQUESTS_PER_SCENARIO; requestIndex++) {
                start = System.nanoTime();
                RequestContext request = generator.request();
                long generated = System.nanoTime();
                Decision compiled = scenario.policySet().decide(request, scenario.resource());
                long decided = System.nanoTime();
                Decision reference = ReferenceEvaluator.decide(scenario.policySet(), scenario.resource(), request);
                referenceNanos += System.nanoTime() - decided;
                compiledNanos += decided - generated;
                generatingNanos += generated - start;
                if (!compiled.equals(reference)) {
                    fail("seed %s scenario %s: compiled %s, reference %s%nrequest %s%npolicies%n%s".formatted(
                            seed, scenarioIndex, compiled, reference, request, String.join("\n", scenario.texts())));
                }
                Decision brief = scenario.policySet().evaluate(request, scenario.resource());
                if (brief.result() != compiled.result() || brief.layer() != compiled.layer()) {
                    fail("evaluate %s differs from decide %s for %s".formatted(brief, compiled, request));
                }
                results.merge(compiled.result(), 1, Integer::sum);
                cases++;
            }
        }
        System.out.printf("differential: %d cases %s; generating %d ms, compiled engine %d ms, reference %d ms%n",
                cases, results, generatingNanos / 1_000_000, compiledNanos / 1_000_000, referenceNanos / 1_000_000);
        assertThat(cases).isGreaterThanOrEqualTo(100_000);
        // the generator must exercise all three outcomes in earnest, or agreement means little
        for (EvaluationResult result : EvaluationResult.values()) {
            assertThat(results.getOrDefault(result, 0)).as("%s in %s", result, results).isGreaterThan(cases / 20);
        }
    }
}
