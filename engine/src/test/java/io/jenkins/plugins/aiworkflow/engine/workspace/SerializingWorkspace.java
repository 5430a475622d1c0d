package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A workspace as the plugin's on a build agent is: each task ({@link #call}, and a walk with its skip rule as a
 * {@link FindTask}) travels by Java serialization to the workspace it wraps, which runs it where the files are,
 * and its result or exception travels back the same way; every call of the port is counted, and the bytes of
 * every task sent are kept, so that a test can tell how many calls an operation took and what crossed.
 */
public class SerializingWorkspace extends ForwardingWorkspace {
    private final Map<String, Integer> calls = new TreeMap<>();
    private final List<byte[]> sent = new ArrayList<>();
    private final List<Class<?>> tasks = new ArrayList<>();

    public SerializingWorkspace(Workspace delegate) {
        super(delegate);
    }

    /** How many times the port's method of this name was called. */
    public synchronized int calls(String method) {
        return calls.getOrDefault(method, 0);
    }

    /** The calls by method name. */
    public synchronized Map<String, Integer> calls() {
        return new TreeMap<>(calls);
    }

    /** The classes of the tasks sent, in order. */
    public synchronized List<Class<?>> tasks() {
        return List.copyOf(tasks);
    }

    /** Whether {@code text} (as UTF-8, which serialization uses for ASCII) is in what any task sent carried. */
    public synchronized boolean sent(String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        for (byte[] bytes : sent) {
            for (int i = 0; i + wanted.length <= bytes.length; i++) {
                if (java.util.Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Forgets the calls counted and the tasks sent so far. */
    public synchronized void reset() {
        calls.clear();
        sent.clear();
        tasks.clear();
    }

    private synchronized void count(String method) {
        calls.merge(method, 1, Integer::sum);
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes) {
        count("find");
        return roundTrip(new ArrayList<>(super.find(includes)));
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes, SkipRule skip) {
        count("find");
        return carry(new FindTask(includes, skip));
    }

    @Override
    public <T extends Serializable> T call(WorkspaceTask<T> task) {
        count("call");
        return carry(task);
    }

    @Override
    public WorkspaceFile stat(String path) {
        count("stat");
        return super.stat(path);
    }

    @Override
    public String realPath(String path) {
        count("realPath");
        return super.realPath(path);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        count("openRead");
        return super.openRead(path);
    }

    @Override
    public void write(String path, byte[] content) {
        count("write");
        super.write(path, content);
    }

    @Override
    public boolean delete(String path) {
        count("delete");
        return super.delete(path);
    }

    @Override
    public CommandResult run(CommandRequest request, Consumer<String> outputLines) {
        count("run");
        return super.run(request, outputLines);
    }

    /** The task there and its result back, each through serialization; an exception too. */
    private <T extends Serializable> T carry(WorkspaceTask<T> task) {
        byte[] bytes = serialize(task);
        synchronized (this) {
            sent.add(bytes);
            tasks.add(task.getClass());
        }
        @SuppressWarnings("unchecked")
        WorkspaceTask<T> arrived = (WorkspaceTask<T>) deserialize(bytes);
        T result;
        try {
            result = super.call(arrived);
        } catch (RuntimeException e) {
            throw roundTrip(e);
        }
        return roundTrip(result);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> T roundTrip(T value) {
        return (T) deserialize(serialize(value));
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("could not deserialize", e);
        }
    }
}
