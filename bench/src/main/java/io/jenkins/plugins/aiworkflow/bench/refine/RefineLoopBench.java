package io.jenkins.plugins.aiworkflow.bench.refine;

import io.jenkins.plugins.aiworkflow.engine.context.ContextBuilder;
import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.context.TokenCounter;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
import io.jenkins.plugins.aiworkflow.engine.validate.ChangedFile;
import io.jenkins.plugins.aiworkflow.engine.validate.Feedback;
import io.jenkins.plugins.aiworkflow.engine.validate.FeedbackRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The refine loop's own cost per iteration (issue 8, item 11), without the model and the tests, on a
 * generated repository of 5,000 files: what the loop does around each attempt of the agent.
 *
 * <p>Each measured iteration k does what {@code RefineRun} (the loop, package refine) does around an attempt, in
 * its order; the loop has no per-iteration method of its own to call, so the parts are called here as it calls
 * them:
 * <ol>
 *   <li><b>record</b>: {@code recordState} of every file the loop's policy selects (the default: everything not
 *       ignored, test sources included), before the attempt; from iteration 2 on with {@code previous} = the state
 *       recorded before iteration k-1, so that unchanged files are neither read nor copied. Iteration 1's recording
 *       is the run's start state: it copies every selected file into the store, once per run, and is shown apart
 *       (so is the start state's JSON, which the loop writes once into its run marker);</li>
 *   <li><i>the agent's change</i> (not the loop's cost, timed apart): 8 exact edits, 1 new file and 1
 *       deleted file through a {@link Sandbox} of its own, whose tracking the run's sandbox takes over
 *       ({@link Sandbox#include}), as {@code Agent.run(request, workspace, allRuns)} does;</li>
 *   <li>(the model, the test command and the gate: not measured; the validation result is made once, in
 *       setup, from generated JUnit XML reports);</li>
 *   <li><b>diff</b>: the attempt's changed files and unified diff (what its {@code AgentResult} carries into the
 *       run report), then the run's diff so far and its changed files, counted into {@link ChangedFile} lines for
 *       the feedback and keep-best;</li>
 *   <li><b>feedback</b>: {@link Feedback#from} for a failed validation with 50 failing tests with 8 KB stack
 *       traces (5 failing since iteration 0, 20 still failing), within
 *       {@link ContextBuilder#feedbackTextTokens}, counted with the model's tokenizer (o200k_base), a
 *       registered secret masked;</li>
 *   <li><b>restore</b>: from iteration 2 on, {@code restoreState} to the state recorded before iteration k-1,
 *       as keep-best does: it puts back 20 files, this attempt's and the previous one's (the workspace
 *       alternates between two states from then on). The loop restores once per run, at its end; measuring it in
 *       every iteration gives its figure as often as the others'.</li>
 * </ol>
 *
 * <p>The repository (fixed seed, byte-identical on every run), 5,000 files: about 4,000 Java sources of 2-20 KB
 * in nested packages of 8 modules, 700 tests, 300 resources, a root .gitignore, poms and a README; besides,
 * ignored build output (8 x 500 classes and 5 surefire reports in {@code target/}, {@code *.log} files) and a
 * {@code .git} directory of 300 objects, which the recording must skip. Every one of the 5,000 files is
 * recorded, as the loop records the test sources too (its agent may not edit them, its commands could).
 *
 * <p>Iteration 1's recording copies every selected file into the store (the only full copy of a run);
 * it is shown apart. The files the agent or a restore changed less than {@link WorkspaceFile#RACY_WINDOW}
 * before a recording are read again by the next one (their time cannot vouch for them yet): the bench's
 * iterations follow each other within milliseconds, a real loop's within minutes, so this is pessimistic.
 *
 * <p>Runs: the loop's default {@code maxIterations} is 5, so the bench makes several runs of 5 iterations in one
 * JVM, each with a new store and a new tracker of the run's changes, on the workspace as the last run left it.
 * Run 1 is what a fresh {@code aiwf refine} process sees (a JVM still compiling); the later runs what a
 * long-lived JVM sees (a Jenkins build agent).
 *
 * <p>Usage: {@code RefineLoopBench [files] [runs] [iterations]} (defaults 5000 7 5). Prints a line per
 * iteration and the medians; see docs/performance.md.
 */
public final class RefineLoopBench {
    /** The target of issue 8, item 11: the loop's own cost per iteration. */
    public static final double TARGET_MILLIS = 200;
    static final int MODULES = 8;
    static final int PACKAGES = 10;
    static final int SUBPACKAGES = 5;
    static final int EDITS_PER_ITERATION = 8;
    static final String SECRET = "sk-bench-0123456789abcdefghijklmnopqrstuvwxyz";

    private final Path root;
    private final Path runDir;
    private final LocalWorkspace workspace;
    private final WorkspacePolicy policy;
    private final Repository repository;
    private final ValidationResult failed;
    private final Set<TestId> preExisting;
    private final Set<TestId> previousFailures;
    private final ContextRequest context = ContextRequest.builder().intent("Validate every argument")
            .modelName("gpt-4.1").build();
    private final TokenCounter counter = TokenCounter.forModel(context.modelName());
    private double startStateJsonMillis;
    private final EnvironmentPolicy environment = EnvironmentPolicy.builder().secretValue(SECRET).build();
    private Sandbox allRuns;
    private final List<WorkspaceState> states = new ArrayList<>();
    private int run;
    private int iteration;
    /** Attempts over all runs: each picks other files. */
    private int attempts;

    /** The parts of an iteration; all but CHANGE are the loop's own. */
    public enum Part {
        RECORD("record"), CHANGE("change"), DIFF("diff"), FEEDBACK("feedback"), RESTORE("restore");

        final String label;

        Part(String label) {
            this.label = label;
        }

        boolean loop() {
            return this != CHANGE;
        }
    }

    /**
     * What one iteration cost, per {@link Part}: wall and CPU milliseconds of this thread (the loop's work is all
     * on one thread; its CPU time hardly moves when other processes share the cores, its wall time does).
     */
    public record Timings(int run, int iteration, double[] wall, double[] cpu, int recordedFiles, int restoredFiles,
                          int changedSoFar, int feedbackTokens) {
        public double wall(Part part) {
            return wall[part.ordinal()];
        }

        public double cpu(Part part) {
            return cpu[part.ordinal()];
        }

        /** The loop's own cost in wall time: everything but the agent's change, a restore included. */
        public double loop() {
            return sum(wall);
        }

        public double loopCpu() {
            return sum(cpu);
        }

        /** The same without the restore, which the loop makes once per run, at its end. */
        public double loopWithoutRestore() {
            return loop() - wall(Part.RESTORE);
        }

        private static double sum(double[] values) {
            double sum = 0;
            for (Part part : Part.values()) {
                sum += part.loop() ? values[part.ordinal()] : 0;
            }
            return sum;
        }
    }

    /** Wall and thread CPU time from one mark to the next. */
    private static final class Stopwatch {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        final double[] wall = new double[Part.values().length];
        final double[] cpu = new double[Part.values().length];
        private long wallMark = System.nanoTime();
        private long cpuMark = THREADS.getCurrentThreadCpuTime();

        Stopwatch() {
        }

        /** Goes on with what {@code earlier} measured, from now. */
        Stopwatch(Stopwatch earlier) {
            System.arraycopy(earlier.wall, 0, wall, 0, wall.length);
            System.arraycopy(earlier.cpu, 0, cpu, 0, cpu.length);
        }

        void mark(Part part) {
            long wallNow = System.nanoTime();
            long cpuNow = THREADS.getCurrentThreadCpuTime();
            wall[part.ordinal()] += (wallNow - wallMark) / 1e6;
            cpu[part.ordinal()] += (cpuNow - cpuMark) / 1e6;
            wallMark = wallNow;
            cpuMark = cpuNow;
        }
    }

    /** Generated files: the selected ones, those of the source pool the agent edits, what must be skipped. */
    public record Repository(int selected, List<String> sources, long bytes, int ignored) {
    }

    /**
     * Generates the repository under {@code root} (and the test reports under {@code reports}), makes the
     * failed validation, and with {@code settle} waits until the generated files are older than the racy window
     * (without, the first recordings read every file again: slower, the same result).
     */
    public RefineLoopBench(Path root, Path reports, Path runDir, int files, boolean settle)
            throws IOException, InterruptedException {
        this.root = root;
        this.runDir = runDir;
        this.repository = generate(root, files);
        this.workspace = new LocalWorkspace(root);
        this.policy = WorkspacePolicy.builder().environment(environment).build();
        TestReports.write(reports.resolve("iteration0"), 20, 25, 5);
        TestReports.write(reports.resolve("current"), 20, 25, 50);
        Validator validator = new Validator();
        EngineLog quiet = new EngineLog();
        ValidationRequest request = ValidationRequest.builder().reports("**/TEST-*.xml").build();
        ValidationResult iteration0 = validator.validate(request, new LocalWorkspace(reports.resolve("iteration0")),
                quiet);
        Baseline baseline = Baseline.of(iteration0, "iteration 0");
        failed = validator.validate(request.withBaseline(baseline), new LocalWorkspace(reports.resolve("current")),
                quiet);
        if (failed.verdict().passed() || failed.report().failedIds().size() != 50) {
            throw new IllegalStateException("the generated reports should fail with 50 tests: " + failed.verdict());
        }
        preExisting = iteration0.report().failedIds();
        // failing in the previous iteration: the pre-existing ones and 20 of the new ones ("still failing")
        previousFailures = new LinkedHashSet<>(preExisting);
        failed.report().failedIds().stream().filter(id -> !preExisting.contains(id)).limit(20)
                .forEach(previousFailures::add);
        Files.createDirectories(runDir);
        if (settle) {
            // the first recording finds the files settled, as a loop finds a checked-out repository
            Thread.sleep(WorkspaceFile.RACY_WINDOW.toMillis() + 100);
        }
    }

    public Repository repository() {
        return repository;
    }

    public List<WorkspaceState> states() {
        return states;
    }

    /**
     * Starts a run of the loop on the workspace as it is: the states of the last run are discarded, and the next
     * iteration records the start state in a new store.
     */
    public void startRun() {
        discardStates();
        states.clear();
        allRuns = new Sandbox(workspace, policy);
        iteration = 0;
        run++;
    }

    /** One iteration of the loop's bookkeeping around a simulated agent change. */
    public Timings iteration() throws IOException {
        if (allRuns == null) {
            startRun();
        }
        int k = ++iteration;
        int expected = expectedEntries();
        Stopwatch watch = new Stopwatch();
        WorkspaceState previous = states.isEmpty() ? null : states.get(states.size() - 1);
        WorkspaceState state = workspace.recordState(policy.stateRequest().previous(previous).build());
        watch.mark(Part.RECORD);
        if (k == 1) {
            // the run marker holds the start state as JSON, written once per run (not per iteration)
            long before = System.nanoTime();
            Files.writeString(runDir.resolve("state.json"), state.toJson());
            startStateJsonMillis = (System.nanoTime() - before) / 1e6;
            watch = new Stopwatch(watch);
        }
        if (!state.complete() || state.entries().size() != expected) {
            throw new IllegalStateException("iteration " + k + ": recorded " + state.entries().size()
                    + " files, expected " + expected + "; not recorded: " + state.notRecorded());
        }
        states.add(state);

        Sandbox attempt = new Sandbox(workspace, policy);
        change(attempt, ++attempts);
        allRuns.include(attempt);
        watch.mark(Part.CHANGE);

        // as the loop does: the attempt's changes and diff (its AgentResult), then the diff so far, counted
        List<FileChange> attemptChanges = attempt.changedFiles();
        String iterationDiff = attempt.diff();
        String sinceStart = allRuns.diff();
        List<FileChange> changesSoFar = allRuns.changedFiles();
        List<ChangedFile> soFar = DiffLines.count(sinceStart);
        watch.mark(Part.DIFF);
        if (attemptChanges.size() != EDITS_PER_ITERATION + 2 || changesSoFar.size() != soFar.size()) {
            throw new IllegalStateException("iteration " + k + ": changes " + attemptChanges + ", so far "
                    + changesSoFar + ", counted " + soFar);
        }
        if (iterationDiff.isEmpty() || soFar.isEmpty()) {
            throw new IllegalStateException("iteration " + k + ": the diff is empty");
        }

        Feedback feedback = Feedback.from(FeedbackRequest.builder(failed).preExisting(preExisting)
                .previous(previousFailures).changedFiles(soFar)
                .maxTokens(ContextBuilder.feedbackTextTokens(context, counter)).build(),
                counter::count, environment::redact);
        watch.mark(Part.FEEDBACK);
        if (feedback.summary().failuresShown() == 0 || feedback.text().contains(SECRET)) {
            throw new IllegalStateException("iteration " + k + ": unexpected feedback " + feedback.summary());
        }

        // back to the state before the previous attempt: this attempt's files and the previous one's (iteration 1
        // has no earlier state but its own, and keeps its change so that the states alternate from then on)
        RestoreResult restored = k == 1 ? new RestoreResult(List.of(), List.of())
                : workspace.restoreState(states.get(states.size() - 2));
        watch.mark(Part.RESTORE);
        if (!restored.complete() || (k > 1 && restored.restored().isEmpty())) {
            throw new IllegalStateException("iteration " + k + ": restore " + restored);
        }
        return new Timings(run, k, watch.wall, watch.cpu, state.entries().size(), restored.restored().size(),
                soFar.size(), feedback.summary().tokens());
    }

    /** Deletes the store of the recorded states. */
    public void discardStates() {
        if (!states.isEmpty()) {
            workspace.discardStates(states.get(0).store());
        }
    }

    /** The files a recording selects: the generated ones plus those the agent created, minus the deleted ones. */
    private int expectedEntries() throws IOException {
        int created = 0;
        try (var listing = Files.list(root.resolve("module00"))) {
            created = (int) listing.filter(path -> path.getFileName().toString().startsWith("Added")).count();
        }
        int deleted = 0;
        for (String source : repository.sources()) {
            if (!Files.exists(root.resolve(source))) {
                deleted++;
            }
        }
        return repository.selected() + created - deleted;
    }

    /** The agent's attempt k (over all runs): 8 edits, a new file and a deleted one, each time on other sources. */
    private void change(Sandbox attempt, int k) {
        List<String> sources = repository.sources();
        int base = (k * (EDITS_PER_ITERATION + 1) * 7) % sources.size();
        for (int i = 0; i < EDITS_PER_ITERATION; i++) {
            String path = sources.get((base + i * 7) % sources.size());
            attempt.editText(path, "    public int method3(int value) {\n",
                    "    public int method3(int value) {\n        if (value < 0) {\n            throw new "
                    + "IllegalArgumentException(\"attempt " + k + ": value must be >= 0, was \" + value);\n"
                    + "        }\n");
        }
        attempt.writeText("module00/Added" + k + ".java", Sources.text(new Random(k), "Added" + k, 4_000));
        attempt.delete(sources.get((base + EDITS_PER_ITERATION * 7) % sources.size()));
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path temp = Files.createTempDirectory("aiwf-refine-bench");
        try {
            long start = System.nanoTime();
            RefineLoopBench bench = new RefineLoopBench(temp.resolve("repo"), temp.resolve("reports"),
                    temp.resolve("run"), files, true);
            Repository repository = bench.repository();
            System.out.printf(Locale.ROOT, "repository: %,d files selected (%.1f MB), %,d ignored or in .git "
                    + "(skipped); generated in %.1f s%n", repository.selected(), repository.bytes() / 1e6,
                    repository.ignored(), (System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "java %s, %d CPUs; %d runs of %d iterations in this JVM%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), runs, iterations);
            System.out.println("wall ms per part (thread CPU ms in brackets); loop = record + diff + feedback"
                    + " + restore; the agent's change is not the loop's");
            StringBuilder header = new StringBuilder("run.it");
            for (Part part : Part.values()) {
                header.append(String.format(Locale.ROOT, " %15s", part.label));
            }
            System.out.println(header.append(" | loop            | files recorded, restored, changed so far; "
                    + "feedback tokens"));
            List<Timings> all = new ArrayList<>();
            List<Double> startJson = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                bench.startRun();
                for (int i = 0; i < iterations; i++) {
                    Timings t = bench.iteration();
                    all.add(t);
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d.%d", t.run(),
                            t.iteration()));
                    for (Part part : Part.values()) {
                        line.append(String.format(Locale.ROOT, " %7.1f [%5.1f]", t.wall(part), t.cpu(part)));
                    }
                    System.out.println(line.append(String.format(Locale.ROOT, " | %6.1f [%6.1f] | %d, %d, %d; %d",
                            t.loop(), t.loopCpu(), t.recordedFiles(), t.restoredFiles(), t.changedSoFar(),
                            t.feedbackTokens())));
                }
                startJson.add(bench.startStateJsonMillis);
            }
            bench.discardStates();
            System.out.printf(Locale.ROOT, "%nthe start state as JSON (the run marker, once per run): %s ms%n",
                    startJson.stream().map(ms -> String.format(Locale.ROOT, "%.1f", ms)).toList());
            summarise(all);
        } finally {
            delete(temp);
        }
    }

    private static void summarise(List<Timings> all) {
        List<Timings> first = all.stream().filter(t -> t.iteration() == 1).toList();
        List<Timings> fresh = all.stream().filter(t -> t.run() == 1 && t.iteration() > 1).toList();
        List<Timings> warm = all.stream().filter(t -> t.run() > 1 && t.iteration() > 1).toList();
        System.out.printf(Locale.ROOT, "%niteration 1 of each run (the start state: every file copied into a new "
                + "store): %s ms%n", first.stream().map(t -> String.format(Locale.ROOT, "%.0f [%.0f]", t.loop(),
                t.loopCpu())).toList());
        describe("run 1, iterations 2 on (a fresh JVM, as an aiwf refine process)", fresh);
        describe("runs 2 on, iterations 2 on (a warm JVM, as a long-lived build agent)", warm);
        if (warm.isEmpty()) {
            return;
        }
        double loop = median(warm, Timings::loop);
        double withoutRestore = median(warm, Timings::loopWithoutRestore);
        System.out.printf(Locale.ROOT, "target: the loop's own cost <= %.0f ms per iteration (median, warm JVM): "
                + "%.1f ms with a restore in every iteration: %s; %.1f ms without (the loop restores once per run): "
                + "%s%n", TARGET_MILLIS, loop, loop <= TARGET_MILLIS ? "met" : "NOT met", withoutRestore,
                withoutRestore <= TARGET_MILLIS ? "met" : "NOT met");
    }

    private static void describe(String title, List<Timings> timings) {
        if (timings.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "%n%s, %d iterations: median wall ms [thread CPU ms] (max wall)%n", title,
                timings.size());
        for (Part part : Part.values()) {
            System.out.printf(Locale.ROOT, "  %-22s %7.1f [%6.1f] (%.1f)%s%n", part.label,
                    median(timings, t -> t.wall(part)), median(timings, t -> t.cpu(part)),
                    max(timings, t -> t.wall(part)), part.loop() ? "" : "  (the agent's, not the loop's)");
        }
        System.out.printf(Locale.ROOT, "  %-22s %7.1f [%6.1f] (%.1f)%n", "loop", median(timings, Timings::loop),
                median(timings, Timings::loopCpu), max(timings, Timings::loop));
        System.out.printf(Locale.ROOT, "  %-22s %7.1f          (%.1f)%n", "loop without restore",
                median(timings, Timings::loopWithoutRestore), max(timings, Timings::loopWithoutRestore));
    }

    private static double median(List<Timings> timings, ToDoubleFunction<Timings> part) {
        double[] values = timings.stream().mapToDouble(part).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double max(List<Timings> timings, ToDoubleFunction<Timings> part) {
        return timings.stream().mapToDouble(part).max().orElse(0);
    }

    /**
     * The repository: per module a pom, 500 sources in 50 nested packages (2-20 KB), tests and resources;
     * at the root a .gitignore, a pom and a README; and the ignored build output and .git, not selected.
     * With {@code files} other than 5,000 every part scales (at least one of each).
     */
    public static Repository generate(Path root, int files) throws IOException {
        Random random = new Random(5_000);
        int top = 3 + MODULES; // .gitignore, pom.xml, README.md, a pom per module
        int rest = Math.max(files - top, 10);
        int sources = Math.max(1, rest * 4_000 / 5_000);
        int tests = Math.max(1, rest * 700 / 5_000);
        int resources = Math.max(1, rest - sources - tests);
        long bytes = 0;
        bytes += write(root.resolve(".gitignore"), "# build output\ntarget/\nbuild/\n*.log\n.idea/\n*.iml\n"
                + "node_modules/\n");
        bytes += write(root.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<artifactId>generated</artifactId></project>\n");
        bytes += write(root.resolve("README.md"), "# Generated project\n\nFor the refine loop benchmark.\n");
        for (int m = 0; m < MODULES; m++) {
            bytes += write(root.resolve(module(m) + "/pom.xml"), "<project><artifactId>" + module(m)
                    + "</artifactId></project>\n");
        }
        List<String> sourcePaths = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            String path = javaPath(i, "main", "Type" + i, "");
            sourcePaths.add(path);
            bytes += write(root.resolve(path), Sources.text(random, "Type" + i, 2_000 + random.nextInt(18_000)));
        }
        for (int i = 0; i < tests; i++) {
            bytes += write(root.resolve(javaPath(i, "test", "Type" + i, "Test")),
                    Sources.text(random, "Type" + i + "Test", 1_000 + random.nextInt(7_000)));
        }
        for (int i = 0; i < resources; i++) {
            String dir = module(i % MODULES) + "/src/main/resources/" + pkg(i / MODULES);
            bytes += write(root.resolve(dir + "/messages" + i + ".properties"),
                    "key.%d=value %d\n".repeat(10 + random.nextInt(200)).replace("%d", Integer.toString(i)));
        }
        int ignored = 0;
        int classes = Math.max(5, files / 10); // per module: 500 for 5,000 files
        for (int m = 0; m < MODULES; m++) {
            String target = module(m) + "/target";
            for (int i = 0; i < classes; i++) {
                write(root.resolve(target + "/classes/" + pkg(i) + "/Type" + i + ".class"), "\u00ca\u00fe\u00ba\u00be"
                        + "x".repeat(500 + random.nextInt(3_000)));
                ignored++;
            }
            for (int i = 0; i < 5; i++) {
                write(root.resolve(target + "/surefire-reports/TEST-Type" + i + "Test.xml"), "<testsuite/>\n");
                ignored++;
            }
            write(root.resolve(module(m) + "/build.log"), "a build log\n");
            ignored++;
        }
        for (int i = 0; i < Math.max(10, files * 3 / 50); i++) {
            write(root.resolve(String.format(Locale.ROOT, ".git/objects/%02x/%038x", i % 256, i)), "blob " + i);
            ignored++;
        }
        write(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        ignored++;
        return new Repository(top + sources + tests + resources, List.copyOf(sourcePaths), bytes, ignored);
    }

    private static String module(int m) {
        return String.format(Locale.ROOT, "module%02d", m);
    }

    /** A nested package: com/example/p{0-9}/s{0-4}. */
    private static String pkg(int i) {
        return "com/example/p" + (i % PACKAGES) + "/s" + (i / PACKAGES % SUBPACKAGES);
    }

    private static String javaPath(int i, String set, String type, String suffix) {
        return module(i % MODULES) + "/src/" + set + "/java/" + pkg(i / MODULES) + "/" + type + suffix + ".java";
    }

    private static long write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return text.length();
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Java-like source texts with numbered, hence unique, method lines. */
    static final class Sources {
        private Sources() {
        }

        static String text(Random random, String type, int chars) {
            StringBuilder out = new StringBuilder(chars + 200).append("package generated;\n\n")
                    .append("public class ").append(type).append(" {\n");
            for (int i = 0; out.length() < chars || i < 4; i++) {
                out.append("    public int method").append(i).append("(int value) {\n")
                        .append("        return value * ").append(random.nextInt(97)).append(" + ")
                        .append(random.nextInt(1_000_000)).append(";\n    }\n\n");
            }
            return out.append("}\n").toString();
        }
    }

    /** Counts the lines a unified diff adds and removes, per file. */
    static final class DiffLines {
        private DiffLines() {
        }

        static List<ChangedFile> count(String diff) {
            List<ChangedFile> files = new ArrayList<>();
            String path = null;
            long added = 0;
            long removed = 0;
            boolean inHunks = false;
            for (String line : diff.split("\n", -1)) {
                if (line.startsWith("diff --git a/")) {
                    if (path != null) {
                        files.add(new ChangedFile(path, added, removed));
                    }
                    int b = line.lastIndexOf(" b/");
                    path = b < 0 ? line.substring("diff --git a/".length()) : line.substring(b + 3);
                    added = 0;
                    removed = 0;
                    inHunks = false;
                } else if (line.startsWith("@@")) {
                    inHunks = true;
                } else if (inHunks && line.startsWith("+")) {
                    added++;
                } else if (inHunks && line.startsWith("-")) {
                    removed++;
                }
            }
            if (path != null) {
                files.add(new ChangedFile(path, added, removed));
            }
            return files;
        }
    }

    /** Surefire-style JUnit XML reports with failing tests whose stack traces are long. */
    static final class TestReports {
        private TestReports() {
        }

        /**
         * {@code suites} files of {@code cases} tests each; every tenth test fails until {@code failing} did, so
         * that a set with fewer failing tests is part of one with more.
         */
        static void write(Path dir, int suites, int cases, int failing) throws IOException {
            Files.createDirectories(dir);
            int failed = 0;
            for (int s = 0; s < suites; s++) {
                String type = "com.example.p" + s + ".Service" + s + "Test";
                StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
                StringBuilder body = new StringBuilder();
                int suiteFailures = 0;
                for (int c = 0; c < cases; c++) {
                    int n = s * cases + c;
                    boolean fails = failed < failing && n % 10 == 0;
                    body.append("  <testcase name=\"shouldHandleCase").append(c).append("\" classname=\"")
                            .append(type).append("\" time=\"0.0").append(c % 10).append("\"");
                    if (fails) {
                        failed++;
                        suiteFailures++;
                        body.append(">\n    <failure message=\"expected: &lt;").append(n + 1)
                                .append("&gt; but was: &lt;").append(n).append("&gt; after ").append("retrying the "
                                        + "request with a longer timeout ".repeat(6))
                                .append("\" type=\"org.opentest4j.AssertionFailedError\">")
                                .append(trace(type, c, n)).append("</failure>\n  </testcase>\n");
                    } else {
                        body.append("/>\n");
                    }
                }
                xml.append("<testsuite name=\"").append(type).append("\" tests=\"").append(cases)
                        .append("\" failures=\"").append(suiteFailures).append("\" errors=\"0\" skipped=\"0\">\n")
                        .append(body).append("</testsuite>\n");
                Files.writeString(dir.resolve("TEST-" + type + ".xml"), xml);
            }
        }

        /** About 8 KB: an assertion error and 90 frames, as JUnit 5 under Surefire writes them. */
        private static String trace(String type, int c, int n) {
            StringBuilder trace = new StringBuilder("org.opentest4j.AssertionFailedError: expected: &lt;")
                    .append(n).append("&gt; but was: &lt;").append(n + 1).append("&gt;\n")
                    .append("\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)\n")
                    .append("\tat ").append(type).append(".shouldHandleCase").append(c).append("(")
                    .append(type.substring(type.lastIndexOf('.') + 1)).append(".java:").append(40 + c).append(")\n");
            String[] frames = {
                "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
                "java.base/java.lang.reflect.Method.invoke(Method.java:569)",
                "org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:728)",
                "org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)",
                "org.junit.jupiter.engine.execution.InvocationInterceptorChain$ValidatingInvocation.proceed("
                        + "InvocationInterceptorChain.java:131)",
                "org.junit.platform.engine.support.hierarchical.NodeTestTask.executeRecursively(NodeTestTask.java:141)",
                "org.apache.maven.surefire.junitplatform.JUnitPlatformProvider.invoke(JUnitPlatformProvider.java:139)"};
            for (int i = 0; i < 90; i++) {
                trace.append("\tat ").append(frames[i % frames.length]).append('\n');
            }
            return trace.toString();
        }
    }
}
