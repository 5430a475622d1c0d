package io.jenkins.plugins.aiworkflow.plugin.workspace;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.remoting.RemoteInputStream;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.aiworkflow.engine.text.HeadTailBuffer;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.FindTask;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.OperatingSystem;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.SkipRule;
import io.jenkins.plugins.aiworkflow.engine.workspace.StateRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import jenkins.MasterToSlaveFileCallable;
import jenkins.util.Timer;

/**
 * The engine's {@link Workspace} port on a Jenkins workspace, wherever it is: every file operation is one
 * {@link FilePath#act} call whose agent side runs the engine's own {@link LocalWorkspace} on the agent's
 * directory (so the path rules, atomic writes and state recording are the engine's, tested there), and
 * commands start through the step's {@link Launcher}, so {@code container {}} and {@code docker.inside}
 * apply. What crosses the channel is the engine's serializable requests and results.
 */
public final class FilePathWorkspace implements Workspace {
    /** Marks every process a command starts, so that what it leaves running can be found and killed. */
    static final String COMMAND_COOKIE = "AIWF_COMMAND_COOKIE";
    private static final int READ_BUFFER = 64 * 1024;

    private final FilePath root;
    private final Launcher launcher;
    private final EnvVars environment;
    private final TaskListener listener;
    private final Charset charset;

    /**
     * @param root        the workspace directory, on the node the step runs on
     * @param launcher    the step's launcher (decorated by {@code container {}} and the like)
     * @param environment the step's environment: the node's, with {@code withEnv} and {@code withCredentials}
     * @param listener    receives what the launcher itself reports (never the command's output)
     * @param charset     how the node encodes a command's output ({@code Computer#getDefaultCharset})
     */
    public FilePathWorkspace(FilePath root, Launcher launcher, EnvVars environment, TaskListener listener,
                             Charset charset) {
        this.root = root;
        this.launcher = launcher;
        this.environment = new EnvVars(environment);
        this.listener = listener;
        this.charset = charset;
    }

    @Override
    public String describe() {
        return root.getRemote() + (root.isRemote() ? " on a build agent" : "");
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes) {
        return act(new Find(List.copyOf(includes)));
    }

    /** One call: the walk and its skip rule (which may read {@code .gitignore} files) run on the agent. */
    @Override
    public List<WorkspaceFile> find(List<String> includes, SkipRule skip) {
        return call(new FindTask(List.copyOf(includes), skip));
    }

    @Override
    public <T extends Serializable> T call(WorkspaceTask<T> task) {
        return act(new Task<>(task));
    }

    @Override
    public WorkspaceFile stat(String path) {
        return act(new Stat(path));
    }

    @Override
    public OperatingSystem operatingSystem() {
        // the launcher's answer: it is what starts the commands (also inside container {} or docker.inside)
        return launcher.isUnix() ? OperatingSystem.UNIX : OperatingSystem.WINDOWS;
    }

    @Override
    public String realPath(String path) {
        return act(new RealPath(path));
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return new BufferedInputStream(act(new OpenRead(path)), READ_BUFFER);
    }

    @Override
    public void write(String path, byte[] content) {
        act(new Write(path, content.clone()));
    }

    @Override
    public boolean delete(String path) {
        return act(new Delete(path));
    }

    @Override
    public Map<String, String> environment() {
        return new LinkedHashMap<>(environment);
    }

    @Override
    public WorkspaceState recordState(StateRequest request) {
        return act(new RecordState(request));
    }

    @Override
    public RestoreResult restoreState(WorkspaceState state) {
        return act(new RestoreState(state));
    }

    @Override
    public void discardStates(String store) {
        act(new DiscardStates(store));
    }

    @Override
    public CommandResult run(CommandRequest request, Consumer<String> outputLines) {
        String cookie = UUID.randomUUID().toString();
        // As the sh step does: the step's environment (the node's, with withEnv and withCredentials) over the
        // agent process's, then the request's removals and overrides. A launcher expands $NAME in values ($$ is
        // a literal $), and an empty value removes a variable.
        Map<String, String> envs = new LinkedHashMap<>();
        request.environmentFrom(environment).forEach((name, value) -> envs.put(name, value.replace("$", "$$")));
        request.removals().forEach(name -> envs.putIfAbsent(name, ""));
        envs.put(COMMAND_COOKIE, cookie);
        HeadTailBuffer output = new HeadTailBuffer(request.maxOutputChars());
        LineSink sink = new LineSink(output, outputLines, charset);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Proc proc;
        try {
            proc = launcher.launch()
                    .cmds(shell(request.command()))
                    .envs(envs)
                    .pwd(root)
                    .stdout(sink)
                    .quiet(true)
                    .start();
        } catch (IOException e) {
            throw new WorkspaceException("could not start command '" + request.command() + "' in " + describe()
                    + ": " + e.getMessage(), e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timeout = Timer.get().schedule(() -> {
            timedOut.set(true);
            killQuietly(proc, cookie);
        }, request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        int exitCode;
        try {
            exitCode = proc.join();
        } catch (InterruptedException e) {
            killQuietly(proc, cookie);
            Thread.currentThread().interrupt();
            throw new WorkspaceException("command '" + request.command() + "' was interrupted and killed", e);
        } catch (IOException e) {
            killQuietly(proc, cookie);
            throw new WorkspaceException("command '" + request.command() + "' failed in " + describe() + ": "
                    + e.getMessage(), e);
        } finally {
            timeout.cancel(false);
        }
        // what the command left running in the background could still change files
        killQuietly(null, cookie);
        sink.flushLine();
        return new CommandResult(request.command(), exitCode, timedOut.get(), startedAt,
                Duration.ofNanos(System.nanoTime() - start), sink.text());
    }

    private List<String> shell(String command) {
        // the launcher expands $NAME and ${NAME} in its arguments; $$ is its escape for a literal $
        String literal = command.replace("$", "$$");
        return launcher.isUnix() ? List.of("sh", "-c", literal) : List.of("cmd.exe", "/c", literal);
    }

    private void killQuietly(Proc proc, String cookie) {
        try {
            if (proc != null) {
                proc.kill();
            }
            launcher.kill(Map.of(COMMAND_COOKIE, cookie));
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            listener.getLogger().println("WARNING: could not kill every process of a command: " + e.getMessage());
        }
    }

    private <T> T act(PortCall<T> call) {
        try {
            return root.act(new AgentOperation<>(call));
        } catch (IOException e) {
            throw new WorkspaceException(call.describe() + " failed in " + describe() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException(call.describe() + " was interrupted in " + describe(), e);
        }
    }

    /** Keeps the head and tail of a command's output and passes on each complete line. */
    private static final class LineSink extends OutputStream {
        private static final int MAX_LINE_BYTES = 64 * 1024;

        private final HeadTailBuffer output;
        private final Consumer<String> lines;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        private final Charset charset;

        LineSink(HeadTailBuffer output, Consumer<String> lines, Charset charset) {
            this.output = output;
            this.lines = lines;
            this.charset = charset;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
                return;
            }
            line.write(b);
            if (line.size() >= MAX_LINE_BYTES) {
                flushLine(); // a line without end (a progress bar, a binary) is passed on in pieces, not held
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        synchronized void flushLine() {
            if (line.size() == 0) {
                return;
            }
            String text = line.toString(charset);
            line.reset();
            output.append(text).append("\n");
            lines.accept(text);
        }

        synchronized String text() {
            return output.toString();
        }
    }

    /** One port operation, run on the agent by the engine's local workspace: data, as what crosses must be. */
    private interface PortCall<T> extends Serializable {
        T run(LocalWorkspace local) throws IOException;

        /** What it does, for an error message: "reading 'a.txt'". */
        String describe();
    }

    /** Runs a {@link PortCall} where the files are. */
    private static final class AgentOperation<T> extends MasterToSlaveFileCallable<T> {
        private static final long serialVersionUID = 1L;
        private final PortCall<T> call;

        AgentOperation(PortCall<T> call) {
            this.call = call;
        }

        @Override
        public T invoke(File directory, VirtualChannel channel) throws IOException {
            return call.run(new LocalWorkspace(directory.toPath()));
        }
    }

    private record Find(List<String> includes) implements PortCall<List<WorkspaceFile>> {
        @Override
        public List<WorkspaceFile> run(LocalWorkspace local) {
            return List.copyOf(local.find(includes));
        }

        @Override
        public String describe() {
            return "finding " + includes;
        }
    }

    private record Task<T extends Serializable>(WorkspaceTask<T> task) implements PortCall<T> {
        @Override
        public T run(LocalWorkspace local) {
            return task.run(local);
        }

        @Override
        public String describe() {
            return "running " + task.getClass().getSimpleName();
        }
    }

    private record Stat(String path) implements PortCall<WorkspaceFile> {
        @Override
        public WorkspaceFile run(LocalWorkspace local) {
            return local.stat(path);
        }

        @Override
        public String describe() {
            return "looking up '" + path + "'";
        }
    }

    private record RealPath(String path) implements PortCall<String> {
        @Override
        public String run(LocalWorkspace local) {
            return local.realPath(path);
        }

        @Override
        public String describe() {
            return "following '" + path + "'";
        }
    }

    private record OpenRead(String path) implements PortCall<InputStream> {
        @Override
        public InputStream run(LocalWorkspace local) throws IOException {
            // the stream stays on the agent; the controller reads it through the channel
            return new RemoteInputStream(local.openRead(path), RemoteInputStream.Flag.NOT_GREEDY);
        }

        @Override
        public String describe() {
            return "reading '" + path + "'";
        }
    }

    private record Write(String path, byte[] content) implements PortCall<Boolean> {
        @Override
        public Boolean run(LocalWorkspace local) {
            local.write(path, content);
            return Boolean.TRUE;
        }

        @Override
        public String describe() {
            return "writing '" + path + "'";
        }
    }

    private record Delete(String path) implements PortCall<Boolean> {
        @Override
        public Boolean run(LocalWorkspace local) {
            return local.delete(path);
        }

        @Override
        public String describe() {
            return "deleting '" + path + "'";
        }
    }

    private record RecordState(StateRequest request) implements PortCall<WorkspaceState> {
        @Override
        public WorkspaceState run(LocalWorkspace local) {
            return local.recordState(request);
        }

        @Override
        public String describe() {
            return "recording the workspace's state";
        }
    }

    private record RestoreState(WorkspaceState state) implements PortCall<RestoreResult> {
        @Override
        public RestoreResult run(LocalWorkspace local) {
            return local.restoreState(state);
        }

        @Override
        public String describe() {
            return "restoring the workspace's state";
        }
    }

    private record DiscardStates(String store) implements PortCall<Boolean> {
        @Override
        public Boolean run(LocalWorkspace local) {
            local.discardStates(store);
            return Boolean.TRUE;
        }

        @Override
        public String describe() {
            return "discarding recorded states";
        }
    }
}
