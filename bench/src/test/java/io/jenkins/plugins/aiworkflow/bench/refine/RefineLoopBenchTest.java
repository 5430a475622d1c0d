package io.jenkins.plugins.aiworkflow.bench.refine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the refine-loop benchmark on a small tree, in the ordinary build, so that the benchmark keeps
 * measuring what it says it measures: every part runs and does its work. No timing is asserted; the figures
 * come from {@code bash bench/run.sh loop} (docs/performance.md).
 */
class RefineLoopBenchTest {
    @TempDir
    Path temp;

    @Test
    void shouldRecordChangeDiffFeedBackAndRestoreInEveryIteration() throws Exception {
        // given: a small generated repository with ignored build output and a .git directory
        Path root = temp.resolve("repo");
        RefineLoopBench bench = new RefineLoopBench(root, temp.resolve("reports"), temp.resolve("run"), 300, false);

        // when
        List<RefineLoopBench.Timings> iterations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            iterations.add(bench.iteration());
        }

        // then: every recording selected the generated files and nothing git ignores or keeps in .git
        assertThat(bench.repository().selected()).isEqualTo(300);
        assertThat(bench.repository().ignored()).isGreaterThan(250);
        for (WorkspaceState state : bench.states()) {
            assertThat(state.complete()).isTrue();
            assertThat(state.entries().keySet()).hasSizeBetween(299, 301)
                    .noneMatch(path -> path.contains("/target/") || path.startsWith(".git/") || path.endsWith(".log"));
        }
        // the agent's 10 files are tracked; from iteration 2 on the restore puts back this attempt's and the last one's
        assertThat(iterations).extracting(RefineLoopBench.Timings::restoredFiles).containsExactly(0, 20, 20);
        assertThat(iterations).extracting(RefineLoopBench.Timings::changedSoFar).containsExactly(10, 20, 10);
        assertThat(iterations).allSatisfy(t -> assertThat(t.feedbackTokens()).isBetween(1_000, 3_900));
        // iteration 3 restored the state recorded before iteration 2: recording now finds its content
        WorkspaceState now = new LocalWorkspace(root).recordState(WorkspacePolicy.defaults().stateRequest()
                .previous(bench.states().get(2)).build());
        assertThat(contents(now)).isEqualTo(contents(bench.states().get(1)));
        // and the start state's JSON (the run marker's) is the first recording's
        WorkspaceState written = WorkspaceState.fromJson(Files.readString(temp.resolve("run/state.json")), "state.json");
        assertThat(written.entries()).isEqualTo(bench.states().get(0).entries());
        bench.discardStates();
    }

    @Test
    void shouldStartASecondRunInANewStoreOnTheWorkspaceAsTheFirstLeftIt() throws Exception {
        // given: a first run of two iterations
        Path root = temp.resolve("repo");
        RefineLoopBench bench = new RefineLoopBench(root, temp.resolve("reports"), temp.resolve("run"), 100, false);
        bench.iteration();
        bench.iteration();
        String firstStore = bench.states().get(0).store();

        // when
        bench.startRun();
        RefineLoopBench.Timings first = bench.iteration();
        RefineLoopBench.Timings second = bench.iteration();

        // then: the first run's store is gone, the second run records into its own and counts its own changes
        assertThat(Path.of(firstStore)).doesNotExist();
        assertThat(bench.states()).hasSize(2).allSatisfy(state -> assertThat(state.store()).isNotEqualTo(firstStore));
        assertThat(List.of(first.run(), first.iteration(), second.run(), second.iteration())).containsExactly(2, 1, 2, 2);
        assertThat(List.of(first.changedSoFar(), second.changedSoFar(), second.restoredFiles()))
                .containsExactly(10, 20, 20);
        bench.discardStates();
    }

    private static Map<String, String> contents(WorkspaceState state) {
        Map<String, String> contents = new TreeMap<>();
        state.entries().forEach((path, entry) -> contents.put(path, entry.sha256()));
        return contents;
    }
}
