package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestProblem;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * What the next attempt of the refine loop learns from a failed gate, within a token budget: the gate's reasons
 * (tamper-guard findings first), the test command's exit code (and, when it failed without naming a failing test,
 * the head and tail of its output), the failing tests (new ones first, then those still failing, then those
 * failing since before the run), each with its problem, message and stack trace cut to head and tail, and a
 * summary of the diff so far. What does not fit is counted in a last line ("... and 37 more failing tests not
 * shown"). The text goes into the next prompt as it is ({@code ContextRequest.withFeedback}), which fences it
 * as untrusted data; {@link #summary()} is its machine form for the run report.
 *
 * <p>The text depends only on its inputs (byte for byte: the prompt's caching relies on it). Registered secrets
 * are masked in every text taken from the inputs before it is cut, since a cut could split a secret. Texts the
 * feedback did not write are shown so that they cannot pass for its own lines ({@link FeedbackText}). See
 * docs/refine.md.
 */
public final class Feedback {
    /** A test name, source file or command is cut in the middle beyond this many characters. */
    static final int NAME_CHARS = 200;
    /** A message is cut to head and tail beyond this many characters. */
    static final int MESSAGE_CHARS = 1_000;
    /** A stack trace is cut to head and tail beyond this many characters, and further to fit its test's share. */
    static final int TRACE_CHARS = 3_000;
    /** A reason of the gate is cut in the middle beyond this many characters. */
    static final int REASON_CHARS = 600;
    /** The test command's output is cut to head and tail beyond this many characters. */
    static final int OUTPUT_CHARS = 4_000;
    /** The changed files named; the rest are counted. */
    static final int LISTED_CHANGED_FILES = 20;
    /** The tests failing since before the run named when the gate does not count them; the rest are counted. */
    static final int LISTED_PRE_EXISTING = 10;
    /** A quoted text is left out rather than cut to fewer characters than this. */
    static final int MIN_QUOTED_CHARS = 80;

    private final String text;
    private final FeedbackSummary summary;

    private Feedback(String text, FeedbackSummary summary) {
        this.text = text;
        this.summary = summary;
    }

    /**
     * The feedback for a failed validation.
     *
     * @param tokens  counts the tokens of a text, as the next prompt's tokenizer does ({@code TokenCounter::count})
     * @param secrets masks registered secrets in a text (as the agent's environment policy does); applied to every
     *                text taken from the inputs before it is cut or counted
     */
    public static Feedback from(FeedbackRequest request, ToIntFunction<String> tokens, UnaryOperator<String> secrets) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(secrets, "secrets");
        return new Composer(request, tokens, secrets).compose();
    }

    /** The text for the next prompt, at most {@link FeedbackRequest#maxTokens()} tokens. */
    public String text() {
        return text;
    }

    /** The feedback in numbers. */
    public FeedbackSummary summary() {
        return summary;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Where a failing test stands against the earlier iterations, in the order the feedback shows them. */
    enum Group {
        NEW("New failures", "failing now, not before this attempt"),
        STILL_FAILING("Still failing", "failing before this attempt too"),
        PRE_EXISTING("Failing since before the run", "failing at iteration 0 already");

        final String title;
        final String meaning;

        Group(String title, String meaning) {
            this.title = title;
            this.meaning = meaning;
        }

        String word() {
            return switch (this) {
                case NEW -> "new";
                case STILL_FAILING -> "still failing";
                case PRE_EXISTING -> "since before the run";
            };
        }
    }

    /** Builds one feedback: picks what fits in order of priority, then writes it in reading order. */
    private static final class Composer {
        private final FeedbackRequest request;
        private final ToIntFunction<String> tokens;
        private final UnaryOperator<String> secrets;
        private final ValidationResult result;
        private final int maxTokens;
        private final List<List<TestCaseResult>> groups = new ArrayList<>();
        /** False when the gate ignores failures it had at iteration 0 (newFailuresOnly): those are only named. */
        private final boolean preExistingCounted;
        private final List<ChangedFile> changedFiles;

        private final List<String> reasons = new ArrayList<>();
        private int reasonsShown;
        private boolean tamperFound;
        private String command;
        private String output = "";
        /** Per group, the texts of the tests shown: a prefix of the group, details first, then name lines. */
        private final List<List<String>> shown = new ArrayList<>();
        private int preExistingNamed;
        private final List<String> preExistingNames = new ArrayList<>();
        private int changedFilesNamed;
        private final List<String> changedFileLines = new ArrayList<>();

        Composer(FeedbackRequest request, ToIntFunction<String> tokens, UnaryOperator<String> secrets) {
            this.request = request;
            this.tokens = tokens;
            this.secrets = secrets;
            this.result = request.result();
            this.maxTokens = request.maxTokens();
            this.preExistingCounted = !result.gate().newFailuresOnly();
            for (int i = 0; i < Group.values().length; i++) {
                groups.add(new ArrayList<>());
                shown.add(new ArrayList<>());
            }
            for (TestCaseResult failure : result.report().failures()) {
                Group group = request.preExisting().contains(failure.id()) ? Group.PRE_EXISTING
                        : request.previous().contains(failure.id()) ? Group.STILL_FAILING : Group.NEW;
                groups.get(group.ordinal()).add(failure);
            }
            if (request.changedFiles() == null) {
                changedFiles = null;
            } else {
                changedFiles = new ArrayList<>(request.changedFiles());
                changedFiles.sort(Comparator.comparing(ChangedFile::path));
            }
            for (Reason reason : result.verdict().reasons()) {
                tamperFound |= reason.condition().isTamperGuard();
            }
            command = commandLine();
        }

        Feedback compose() {
            // what is always there: the headings, the command's line, the counts and room for the last line
            int fixed = count(render(false)) + count(leftOutLine(worstLeftOut()));
            int left = maxTokens - fixed;
            left -= pickReasons(Math.min(maxTokens / 4, left));
            left -= pickChangedFiles(Math.min(maxTokens / 8, left));
            if (!preExistingCounted) {
                left -= pickPreExistingNames(Math.min(maxTokens / 8, left));
            }
            if (commandFailedWithoutNamedFailures()) {
                left -= pickOutput(left);
            }
            pickFailures(left);

            // the parts were counted one by one; the whole may differ by a few tokens: give back from the end
            String text = render(true);
            int textTokens = count(text);
            while (textTokens > maxTokens && dropOne()) {
                text = render(true);
                textTokens = count(text);
            }
            for (int attempt = 0; textTokens > maxTokens; attempt++) {
                // only a counter far from every real tokenizer gets here (the fixed lines alone are over): cut the
                // text itself, and give up on it rather than loop
                int keep = (int) Math.max(0, (long) text.length() * maxTokens / textTokens - 40);
                text = attempt < 8 && keep > 0 ? FeedbackText.cutInline(text, keep) : "";
                textTokens = count(text);
            }
            return new Feedback(text, summary(textTokens));
        }

        private int count(String text) {
            return text.isEmpty() ? 0 : tokens.applyAsInt(text);
        }

        private String mask(String text) {
            return Objects.requireNonNullElse(secrets.apply(text), "");
        }

        // ---- picking, in order of priority

        /** The gate's reasons, tamper-guard findings first, within {@code allowance}; returns the tokens taken. */
        private int pickReasons(int allowance) {
            List<Reason> ordered = new ArrayList<>();
            for (Reason reason : result.verdict().reasons()) {
                if (reason.condition().isTamperGuard()) {
                    ordered.add(reason);
                }
            }
            for (Reason reason : result.verdict().reasons()) {
                if (!reason.condition().isTamperGuard()) {
                    ordered.add(reason);
                }
            }
            int taken = 0;
            for (Reason reason : ordered) {
                String prefix = "- " + (reason.condition().isTamperGuard() ? "tamper guard, " : "")
                        + reason.condition().parameterName() + ": ";
                String line = fitLine(prefix, mask(reason.message()), REASON_CHARS, allowance - taken);
                if (line == null) {
                    break;
                }
                reasons.add(line);
                taken += count(line);
            }
            reasonsShown = reasons.size();
            return taken;
        }

        /** The changed files, by path, within {@code allowance}; returns the tokens taken. */
        private int pickChangedFiles(int allowance) {
            if (changedFiles == null || changedFiles.isEmpty()) {
                return 0;
            }
            int taken = count(changedFilesMore(changedFiles.size()));
            for (ChangedFile file : changedFiles) {
                if (changedFileLines.size() == LISTED_CHANGED_FILES) {
                    break;
                }
                String line = "- " + FeedbackText.quote(mask(file.path()), NAME_CHARS) + " +" + file.linesAdded()
                        + " -" + file.linesRemoved() + "\n";
                int lineTokens = count(line);
                if (taken + lineTokens > allowance) {
                    break;
                }
                changedFileLines.add(line);
                taken += lineTokens;
            }
            changedFilesNamed = changedFileLines.size();
            return taken;
        }

        /** Names of tests failing since before the run that the gate does not count; returns the tokens taken. */
        private int pickPreExistingNames(int allowance) {
            int taken = 0;
            for (TestCaseResult test : groups.get(Group.PRE_EXISTING.ordinal())) {
                if (preExistingNames.size() == LISTED_PRE_EXISTING) {
                    break;
                }
                String name = (preExistingNames.isEmpty() ? " " : ", ")
                        + FeedbackText.quote(mask(test.id().toString()), NAME_CHARS);
                int nameTokens = count(name);
                if (taken + nameTokens > allowance) {
                    break;
                }
                preExistingNames.add(name);
                taken += nameTokens;
            }
            preExistingNamed = preExistingNames.size();
            return taken;
        }

        private boolean commandFailedWithoutNamedFailures() {
            var run = result.command();
            return run != null && (run.timedOut() || !result.gate().acceptedExitCodes().contains(run.exitCode()))
                    && result.report().failures().isEmpty() && !run.output().isBlank();
        }

        /** Head and tail of the command's output; returns the tokens taken. */
        private int pickOutput(int allowance) {
            String block = fitBlock("Output of the test command (head and tail), since no failing test was reported:\n",
                    mask(result.command().output()), OUTPUT_CHARS, allowance);
            output = block == null ? "" : block;
            return count(output);
        }

        /**
         * The failing tests of the shown groups (new, still failing, and since before the run when the gate counts
         * those), each within {@link FeedbackRequest#maxFailureTokens()}: first the first test of each group, so
         * that none goes unseen, then the others in order while their details fit in what is left less a part kept
         * for names, then the name lines of the rest while those fit. Within a group, what is shown is a prefix.
         * The part kept for names is a fifth of {@code allowance}; when the names of all the rest took less, the
         * picking is done once more keeping only what they took, so that details get the difference.
         */
        private void pickFailures(int allowance) {
            int namesReserve = allowance / 5;
            for (int pass = 0; pass < 2; pass++) {
                shown.forEach(List::clear);
                int namesTaken = pickFailures(allowance, namesReserve);
                if (namesTaken < 0 || namesTaken >= namesReserve) {
                    return;
                }
                namesReserve = namesTaken;
            }
        }

        /** One picking; returns the tokens the name lines took when all tests are shown, else -1. */
        private int pickFailures(int allowance, int namesReserve) {
            long listed = 0;
            for (Group group : shownGroups()) {
                listed += groups.get(group.ordinal()).size();
            }
            // the numbers are written last; count the longest one for each test
            int numberTokens = count(listed + ". ");
            int left = allowance;
            for (Group group : shownGroups()) {
                left -= pickDetails(group, 1, left, numberTokens);
            }
            int reserve = listed > shownCount() ? namesReserve : 0;
            for (Group group : shownGroups()) {
                int taken = pickDetails(group, Integer.MAX_VALUE, left - reserve, numberTokens);
                left -= taken;
                if (shown.get(group.ordinal()).size() < groups.get(group.ordinal()).size()) {
                    break; // the next test's details do not fit: the rest get names
                }
            }
            int namesTaken = 0;
            for (Group group : shownGroups()) {
                List<TestCaseResult> tests = groups.get(group.ordinal());
                List<String> texts = shown.get(group.ordinal());
                while (texts.size() < tests.size()) {
                    String text = headLine(tests.get(texts.size()));
                    int cost = numberTokens + count(text) + (texts.isEmpty() ? count(groupHeader(group)) : 0);
                    if (cost > left) {
                        return -1;
                    }
                    texts.add(text);
                    left -= cost;
                    namesTaken += cost;
                }
            }
            return namesTaken;
        }

        /**
         * Adds the details of the group's next tests, at most {@code most} of them, while they fit in
         * {@code allowance}; stops at the first that does not. Returns the tokens taken.
         */
        private int pickDetails(Group group, int most, int allowance, int numberTokens) {
            List<TestCaseResult> tests = groups.get(group.ordinal());
            List<String> texts = shown.get(group.ordinal());
            int taken = 0;
            for (int added = 0; added < most && texts.size() < tests.size(); added++) {
                int headerTokens = texts.isEmpty() ? count(groupHeader(group)) : 0;
                int cap = Math.min(request.maxFailureTokens(), allowance - taken - headerTokens - numberTokens);
                String text = cap < FeedbackRequest.MIN_MAX_FAILURE_TOKENS ? null
                        : failure(tests.get(texts.size()), cap);
                if (text == null) {
                    break;
                }
                texts.add(text);
                taken += headerTokens + numberTokens + count(text);
            }
            return taken;
        }

        private int shownCount() {
            int count = 0;
            for (List<String> texts : shown) {
                count += texts.size();
            }
            return count;
        }

        private List<Group> shownGroups() {
            return preExistingCounted ? List.of(Group.NEW, Group.STILL_FAILING, Group.PRE_EXISTING)
                    : List.of(Group.NEW, Group.STILL_FAILING);
        }

        /** Gives back one part from the end of the priorities; false when nothing is left to give. */
        private boolean dropOne() {
            List<String> longest = shown.get(0);
            for (List<String> texts : shown) {
                longest = texts.size() > longest.size() ? texts : longest;
            }
            if (!longest.isEmpty()) {
                longest.remove(longest.size() - 1);
            } else if (preExistingNamed > 0) {
                preExistingNamed--;
            } else if (changedFilesNamed > 0) {
                changedFilesNamed--;
            } else if (!output.isEmpty()) {
                output = "";
            } else if (reasonsShown > 0) {
                reasonsShown--;
            } else if (!command.isEmpty()) {
                command = "";
            } else {
                return false;
            }
            return true;
        }

        // ---- one failing test

        /** A failing test within {@code cap} tokens: its name and problem, then its message and stack trace. */
        private String failure(TestCaseResult test, int cap) {
            String head = headLine(test);
            int headTokens = count(head);
            if (headTokens > cap) {
                return null;
            }
            TestProblem problem = test.problems().isEmpty() ? null : test.problems().get(0);
            if (problem == null) {
                return head;
            }
            String details = mask(problem.details());
            int left = cap - headTokens;
            String message = fitBlock("   message:\n", mask(problem.message()), MESSAGE_CHARS,
                    details.isBlank() ? left : left / 2);
            message = message == null ? "" : message;
            left -= count(message);
            String trace = fitBlock("   stack trace:\n", details, TRACE_CHARS, left);
            return head + message + (trace == null ? "" : trace);
        }

        /** {@code "com.acme.FooTest.shouldBar" in "test/foo.py" line 12: failure ("AssertionError")}, unnumbered. */
        private String headLine(TestCaseResult test) {
            StringBuilder line = new StringBuilder(96)
                    .append(FeedbackText.quote(mask(test.id().toString()), NAME_CHARS));
            if (!test.sourceFile().isEmpty()) {
                line.append(" in ").append(FeedbackText.quote(mask(test.sourceFile()), NAME_CHARS));
                if (test.line() > 0) {
                    line.append(" line ").append(test.line());
                }
            }
            line.append(": ");
            if (test.problems().isEmpty()) {
                line.append(test.status().name().toLowerCase(Locale.ROOT));
            } else {
                TestProblem problem = test.problems().get(0);
                line.append(problem.kind().elementName());
                if (!problem.type().isEmpty()) {
                    line.append(" (").append(FeedbackText.quote(mask(problem.type()), NAME_CHARS)).append(')');
                }
                int more = test.problems().size() - 1;
                if (more > 0) {
                    line.append(", and ").append(more).append(more == 1 ? " more record" : " more records");
                }
            }
            return line.append('\n').toString();
        }

        // ---- fitting quoted text

        /** {@code label} and the quoted block of {@code text} within {@code allowance} tokens; "" for a blank text. */
        private String fitBlock(String label, String text, int maxChars, int allowance) {
            if (text.isBlank()) {
                return "";
            }
            int chars = Math.min(maxChars, text.length());
            for (int attempt = 0; attempt < 16 && chars >= Math.min(MIN_QUOTED_CHARS, text.length()); attempt++) {
                String block = label + FeedbackText.block(text, chars);
                int blockTokens = count(block);
                if (blockTokens <= allowance) {
                    return block;
                }
                chars = Math.min(chars - 1, (int) ((double) chars * allowance / blockTokens * 0.95));
            }
            return null;
        }

        /** {@code prefix} and {@code text} on one line within {@code allowance} tokens, cut if need be; or null. */
        private String fitLine(String prefix, String text, int maxChars, int allowance) {
            int chars = Math.min(maxChars, text.length());
            for (int attempt = 0; attempt < 16 && chars >= Math.min(MIN_QUOTED_CHARS, text.length()); attempt++) {
                String line = prefix + FeedbackText.line(text, chars) + "\n";
                int lineTokens = count(line);
                if (lineTokens <= allowance) {
                    return line;
                }
                chars = Math.min(chars - 1, (int) ((double) chars * allowance / lineTokens * 0.95));
            }
            return null;
        }

        // ---- writing, in reading order

        private String render(boolean withParts) {
            StringBuilder out = new StringBuilder(4_096);
            List<Reason> all = result.verdict().reasons();
            out.append("The quality gate failed (").append(all.size()).append(all.size() == 1 ? " reason" : " reasons")
                    .append("):\n");
            if (withParts) {
                reasons.subList(0, reasonsShown).forEach(out::append);
            }
            if (tamperFound) {
                out.append("Tests that ran at iteration 0 must still run and not be skipped: put back any test that "
                        + "was deleted, renamed or skipped; fix the code under test instead.\n");
            }
            out.append(command);
            if (withParts) {
                out.append(output);
            }
            out.append(countsLines());
            if (withParts) {
                int number = 0;
                for (Group group : Group.values()) {
                    List<String> texts = shown.get(group.ordinal());
                    if (!texts.isEmpty()) {
                        out.append(groupHeader(group));
                    }
                    for (String text : texts) {
                        out.append(++number).append(". ").append(text);
                    }
                }
                if (!preExistingCounted && !groups.get(Group.PRE_EXISTING.ordinal()).isEmpty()) {
                    out.append("\nFailing since before the run, not counted by the gate (newFailuresOnly): ")
                            .append(groups.get(Group.PRE_EXISTING.ordinal()).size()).append(" tests");
                    if (preExistingNamed > 0) {
                        out.append(", such as");
                        preExistingNames.subList(0, preExistingNamed).forEach(out::append);
                    }
                    out.append(".\n");
                }
            }
            if (changedFiles != null) {
                out.append(changesHeader());
                if (withParts) {
                    changedFileLines.subList(0, changedFilesNamed).forEach(out::append);
                    out.append(changedFilesMore(changedFiles.size() - changedFilesNamed));
                }
            }
            if (withParts) {
                out.append(leftOutLine(leftOut()));
            }
            return out.toString();
        }

        private String commandLine() {
            var run = result.command();
            if (run == null) {
                return "";
            }
            String outcome;
            if (result.timeLimitReached()) {
                outcome = "was killed at the run's wall-time limit";
            } else if (run.timedOut()) {
                outcome = "timed out after " + run.duration().toSeconds() + " s and was killed";
            } else {
                outcome = "exited with " + run.exitCode()
                        + (result.gate().acceptedExitCodes().contains(run.exitCode()) ? "" : " (a failure)");
            }
            return "Test command " + FeedbackText.quote(mask(run.command()), NAME_CHARS) + " " + outcome + ".\n";
        }

        private String countsLines() {
            TestReport report = result.report();
            TestCounts counts = report.counts();
            StringBuilder out = new StringBuilder(160).append("Tests in the reports: ").append(counts.tests())
                    .append(" (").append(counts.passed()).append(" passed, ").append(counts.failed())
                    .append(" failed, ").append(counts.skipped()).append(" skipped).\n");
            if (counts.failed() > 0) {
                out.append("Failing tests: ").append(counts.failed()).append(" (");
                String separator = "";
                for (Group group : Group.values()) {
                    out.append(separator).append(groups.get(group.ordinal()).size()).append(' ').append(group.word());
                    separator = ", ";
                }
                if (report.failuresNotListed() > 0) {
                    out.append(", ").append(report.failuresNotListed()).append(" not listed in the reports");
                }
                out.append(").\n");
            }
            return out.toString();
        }

        private String groupHeader(Group group) {
            return "\n" + group.title + " (" + groups.get(group.ordinal()).size() + "), " + group.meaning + ":\n";
        }

        private String changesHeader() {
            if (changedFiles.isEmpty()) {
                return "\nChanges so far: none.\n";
            }
            long added = 0;
            long removed = 0;
            for (ChangedFile file : changedFiles) {
                added += file.linesAdded();
                removed += file.linesRemoved();
            }
            return "\nChanges so far: " + changedFiles.size() + (changedFiles.size() == 1 ? " file" : " files")
                    + ", +" + added + " -" + removed + " lines:\n";
        }

        /** The line counting the changed files not named; "" when all are. */
        private String changedFilesMore(int notNamed) {
            if (notNamed <= 0) {
                return "";
            }
            long added = 0;
            long removed = 0;
            for (ChangedFile file : changedFiles.subList(changedFiles.size() - notNamed, changedFiles.size())) {
                added += file.linesAdded();
                removed += file.linesRemoved();
            }
            return "- and " + notNamed + (notNamed == 1 ? " more file" : " more files") + ", +" + added + " -"
                    + removed + "\n";
        }

        /** Failing tests not named, by group, and reasons not shown. */
        private long[] leftOut() {
            long[] left = new long[Group.values().length + 1];
            for (Group group : Group.values()) {
                left[group.ordinal()] = groups.get(group.ordinal()).size();
            }
            for (Group group : Group.values()) {
                left[group.ordinal()] -= shown.get(group.ordinal()).size();
            }
            if (!preExistingCounted) {
                left[Group.PRE_EXISTING.ordinal()] -= preExistingNamed;
            }
            left[Group.values().length] = result.verdict().reasons().size() - reasonsShown;
            return left;
        }

        /** As if nothing were named: the longest the last line can get. */
        private long[] worstLeftOut() {
            long[] left = new long[Group.values().length + 1];
            for (Group group : Group.values()) {
                left[group.ordinal()] = groups.get(group.ordinal()).size();
            }
            left[Group.values().length] = result.verdict().reasons().size();
            return left;
        }

        /** {@code ... and 37 more failing tests not shown (35 new, 2 still failing), to stay within 3900 tokens.} */
        private String leftOutLine(long[] left) {
            long tests = 0;
            for (Group group : Group.values()) {
                tests += left[group.ordinal()];
            }
            long reasonsLeft = left[Group.values().length];
            if (tests == 0 && reasonsLeft == 0) {
                return "";
            }
            StringBuilder out = new StringBuilder(160).append("\n... and ");
            if (tests > 0) {
                out.append(tests).append(tests == 1 ? " more failing test" : " more failing tests").append(" (");
                String separator = "";
                for (Group group : Group.values()) {
                    if (left[group.ordinal()] > 0) {
                        out.append(separator).append(left[group.ordinal()]).append(' ').append(group.word());
                        separator = ", ";
                    }
                }
                out.append(')').append(reasonsLeft > 0 ? " and " : "");
            }
            if (reasonsLeft > 0) {
                out.append(reasonsLeft).append(reasonsLeft == 1 ? " more reason" : " more reasons")
                        .append(" of the gate");
            }
            return out.append(" not shown, to stay within ").append(maxTokens).append(" tokens.\n").toString();
        }

        private FeedbackSummary summary(int textTokens) {
            long[] left = leftOut();
            long leftOutTests = 0;
            for (Group group : Group.values()) {
                leftOutTests += left[group.ordinal()];
            }
            long listed = result.report().failures().size();
            return new FeedbackSummary(groups.get(Group.NEW.ordinal()).size(),
                    groups.get(Group.STILL_FAILING.ordinal()).size(), groups.get(Group.PRE_EXISTING.ordinal()).size(),
                    result.report().failuresNotListed(), listed - leftOutTests, leftOutTests,
                    left[Group.values().length],
                    changedFiles == null ? 0 : changedFiles.size() - changedFilesNamed, textTokens, maxTokens);
        }
    }
}
