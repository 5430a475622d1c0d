package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a stopped step ends: after its work has cleaned up, not before (the build's next step, its {@code post}
 * section or the next build must find no leftover), and no later than the grace period when the clean-up hangs.
 * A plain test of the execution with a recording context; the work is a stand-in that waits for the test.
 */
class AiStepExecutionTest {
    /** Long enough never to elapse during a test, so that no result depends on the clock. */
    private static final long NEVER_SECONDS = TimeUnit.DAYS.toSeconds(1);
    /** How long a test waits for the step's thread at most; reached only when the test fails. */
    private static final long FAILURE_BOUND_SECONDS = 60;

    private final RecordingContext context = new RecordingContext();
    private final CountDownLatch working = new CountDownLatch(1);
    private final CountDownLatch cleanUpMayEnd = new CountDownLatch(1);
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void letTheWorkEnd() {
        cleanUpMayEnd.countDown();
    }

    @Test
    void shouldEndAStoppedStepOnlyAfterItsWorkHasCleanedUp() throws Exception {
        // given: a step at work with a grace period that never elapses
        StandIn execution = new StandIn(context);
        execution.stopGraceSeconds(NEVER_SECONDS);
        execution.start();
        assertThat(working.await(FAILURE_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        FlowInterruptedException abort = new FlowInterruptedException(Result.ABORTED);

        // when: it is stopped while its clean-up cannot end yet
        execution.stop(abort);

        // then: not ended until the clean-up has ended, then ended once with the stop's cause
        assertThat(execution.getStatus()).isEqualTo("stopping");
        assertThat(context.outcome).isNotDone();
        cleanUpMayEnd.countDown();
        assertThat(context.outcome.get(FAILURE_BOUND_SECONDS, TimeUnit.SECONDS)).isSameAs(abort);
        assertThat(events).containsExactly("interrupted", "cleaned up", "ended: failure");
        assertThat(context.completions).isEqualTo(1);
    }

    @Test
    void shouldEndAStoppedStepAfterTheGracePeriodWhenItsCleanUpHangs() throws Exception {
        // given: a step whose clean-up will not end, with no grace period
        StandIn execution = new StandIn(context);
        execution.stopGraceSeconds(0);
        execution.start();
        assertThat(working.await(FAILURE_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        FlowInterruptedException abort = new FlowInterruptedException(Result.ABORTED);

        // when
        execution.stop(abort);

        // then: ended with the stop's cause while the work still hangs; its later end changes nothing
        assertThat(context.outcome.get(FAILURE_BOUND_SECONDS, TimeUnit.SECONDS)).isSameAs(abort);
        assertThat(events).doesNotContain("cleaned up");
        cleanUpMayEnd.countDown();
        execution.awaitWorkEnded();
        assertThat(context.completions).isEqualTo(1);
    }

    @Test
    void shouldReturnTheWorksResultWhenNotStopped() throws Exception {
        // given
        StandIn execution = new StandIn(context);
        execution.result = Map.of("passed", true);

        // when
        execution.start();
        cleanUpMayEnd.countDown();

        // then
        assertThat(context.outcome.get(FAILURE_BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo(Map.of("passed", true));
        assertThat(context.completions).isEqualTo(1);
    }

    @Test
    void shouldLetTheWorkRecordItsRunWhenStoppedMeanwhileAndStillEndWithTheStopsCause(@TempDir Path folder)
            throws Exception {
        // given: a step recording what its run did (a file written through a channel, as the build's save is)
        // when it is stopped, twice (a parallel's failFast, then the build's end)
        Recorder execution = new Recorder(context, folder.resolve("row.txt"));
        execution.stopGraceSeconds(NEVER_SECONDS);
        execution.start();
        assertThat(working.await(FAILURE_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        FlowInterruptedException abort = new FlowInterruptedException(Result.ABORTED);

        // when
        execution.stop(abort);
        execution.stop(new FlowInterruptedException(Result.FAILURE));
        cleanUpMayEnd.countDown();

        // then: before, the stop's interrupt closed the channel mid-write (ClosedByInterruptException) and the
        // build lost its record; now the record is written, the interrupt comes after it, the stop's cause ends
        assertThat(context.outcome.get(FAILURE_BOUND_SECONDS, TimeUnit.SECONDS)).isSameAs(abort);
        assertThat(events).containsExactly("recorded", "interrupted after recording", "ended: failure");
        assertThat(folder.resolve("row.txt")).hasContent("row");
    }

    /** Records its run: waits for the test, then writes a file through a channel. */
    private final class Recorder extends AiStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        Recorder(StepContext context, Path file) {
            super(context, Step.VALIDATE, Map.of());
            this.file = file;
        }

        @Override
        Map<String, Object> runStep() throws Exception {
            Map<String, Object> result = recording(() -> {
                working.countDown();
                cleanUpMayEnd.await();
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap("row".getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
                events.add("recorded");
                return Map.of("recorded", true);
            });
            if (Thread.currentThread().isInterrupted()) {
                events.add("interrupted after recording");
            }
            return result;
        }

        @Override
        protected Map<String, Object> run(StepRun step) {
            throw new AssertionError("runStep() is replaced");
        }
    }

    /** Works until interrupted (or told to end), then cleans up when the test lets it. */
    private final class StandIn extends AiStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient CountDownLatch workEnded = new CountDownLatch(1);
        private transient Map<String, Object> result;

        StandIn(StepContext context) {
            super(context, Step.VALIDATE, Map.of());
        }

        @Override
        Map<String, Object> runStep() throws Exception {
            try {
                working.countDown();
                if (result != null) {
                    cleanUpMayEnd.await();
                    return result;
                }
                try {
                    new CountDownLatch(1).await(); // the model call or the command
                    throw new AssertionError("not reached");
                } catch (InterruptedException e) {
                    events.add("interrupted");
                    awaitUninterruptibly(cleanUpMayEnd); // cancelling, killing, writing the row
                    events.add("cleaned up");
                    throw e;
                }
            } finally {
                workEnded.countDown();
            }
        }

        @Override
        protected Map<String, Object> run(StepRun step) {
            throw new AssertionError("runStep() is replaced");
        }

        void awaitWorkEnded() throws InterruptedException {
            assertThat(workEnded.await(FAILURE_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        }

        private void awaitUninterruptibly(CountDownLatch latch) {
            while (true) {
                try {
                    latch.await();
                    return;
                } catch (InterruptedException ignored) {
                    // the clean-up goes on
                }
            }
        }
    }

    /** Records how the step ended; nothing else of a Pipeline is needed. */
    private final class RecordingContext extends StepContext {
        private static final long serialVersionUID = 1L;
        final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
        volatile int completions;

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public synchronized void onSuccess(Object value) {
            completions++;
            events.add("ended: success");
            outcome.complete(value);
        }

        @Override
        public synchronized void onFailure(Throwable failure) {
            completions++;
            events.add("ended: failure");
            outcome.complete(failure);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public ListenableFuture<Void> saveState() {
            return null;
        }

        @Override
        public void setResult(Result result) {
        }

        @Override
        public BodyInvoker newBodyInvoker() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
