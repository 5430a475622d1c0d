package io.jenkins.plugins.aiworkflow.plugin.workspace;

import hudson.Launcher;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import hudson.remoting.ChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A build agent's end of the remoting channel inside the test JVM: two {@link Channel}s over a loopback socket, so that
 * every call a {@link hudson.FilePath} or {@link Launcher.RemoteLauncher} on {@link #channel()} makes is
 * serialized, sent, run on the other end and its result serialized back, as with a real agent, without starting
 * Jenkins. What does not serialize fails here as it would there.
 */
final class InProcessAgent implements AutoCloseable {
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "in-process-agent");
        thread.setDaemon(true);
        return thread;
    });
    private final Channel controllerEnd;
    private final Channel agentEnd;

    InProcessAgent() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<Channel> agent = executor.submit(() -> new ChannelBuilder("agent", executor).build(server.accept()));
            // one end must name the mode: two ends that both negotiate wait for each other
            controllerEnd = new ChannelBuilder("controller", executor).withMode(Channel.Mode.BINARY)
                    .build(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            agentEnd = agent.get(60, TimeUnit.SECONDS);
        }
    }

    /** The channel as the controller holds it: calls on it run on the agent's end. */
    Channel channel() {
        return controllerEnd;
    }

    Launcher launcher(TaskListener listener) {
        return new Launcher.RemoteLauncher(listener, controllerEnd, true);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        controllerEnd.close();
        agentEnd.close();
        controllerEnd.join(10_000);
        executor.shutdownNow();
    }
}
