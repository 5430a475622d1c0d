package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.util.List;
import java.util.Locale;

/**
 * The kind of system a workspace's files are on and its commands run on, as the workspace answers it
 * ({@link Workspace#operatingSystem()}): decided where the files are, never by the JVM that asks (a Jenkins
 * controller on Linux may run a build on a Windows agent). It says how a command line is read.
 */
public enum OperatingSystem {
    /** Linux, macOS, the BSDs and other Unix systems: commands run by {@code sh -c}, where a backslash escapes. */
    UNIX,
    /** Windows: commands run by {@code cmd /c}, where a backslash separates the names of a path. */
    WINDOWS;

    /** The system of this JVM: what {@link LocalWorkspace} answers, since its files are on this machine. */
    public static OperatingSystem current() {
        return of(System.getProperty("os.name", ""));
    }

    /** The system a JVM's {@code os.name} names: Windows by its name, every other system is a Unix. */
    public static OperatingSystem of(String osName) {
        return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows") ? WINDOWS : UNIX;
    }

    /** The program and arguments that run {@code command} in this system's shell ({@code sh -c}, {@code cmd.exe /c}). */
    public List<String> shellCommand(String command) {
        return this == WINDOWS ? List.of("cmd.exe", "/c", command) : List.of("sh", "-c", command);
    }
}
