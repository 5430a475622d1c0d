package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.OperatingSystem;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspacePaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which workspace files a command names, so that the agent cannot rewrite what it may run.
 *
 * <p>In an allowed command (a prefix of the allow-list) every word names a workspace file except
 * options (words starting with {@code -}; of {@code --name=value} the value does count) and a
 * first word without a {@code /}, which the shell looks up on the {@code PATH}. So
 * {@code ./build.sh}, {@code sh scripts/test.sh}, {@code python -u tools/x.py},
 * {@code make -f Makefile.ci} and {@code npx jest --config=jest.config.js} name the file they
 * run or read their instructions from. Words that cannot be workspace paths (absolute, {@code ~},
 * a {@code $} variable, leaving the root) name nothing. Words are read as {@code sh} reads them:
 * quotes and escaping backslashes are removed first (on Windows, where {@code cmd} runs commands,
 * a backslash is a path separator). How a backslash is read is the workspace's
 * {@link Workspace#operatingSystem() system}'s, never this JVM's: on a Jenkins controller the agent's may
 * differ. Where the workspace is not known yet (a {@link WorkspacePolicy} is made before it),
 * {@link #namedBy(String)} names what either system's shell would read.
 *
 * <p>Of a command the agent asks to run, {@link #program} is the file it runs: its first word when
 * that is a path, or after an interpreter ({@link #INTERPRETERS}) the first word that is not an
 * option, unless an option came first that gives the code, a module or tests instead.
 */
public final class CommandFiles {
    /**
     * Programs whose first argument that is not an option is the script they run, each with its
     * options after which the following words are no script file of its own (inline code, a module,
     * tests).
     */
    public static final Map<String, Set<String>> INTERPRETERS = interpreters();

    private CommandFiles() {
    }

    /**
     * The normalised workspace paths an allowed command names on any system: those it names on Unix, then
     * those it names only on Windows (they differ only where it has a backslash). For what is decided before
     * the workspace is known, so that it protects what either system's shell would read.
     */
    public static List<String> namedBy(String allowedCommand) {
        List<String> paths = new ArrayList<>(namedBy(allowedCommand, OperatingSystem.UNIX));
        for (String path : namedBy(allowedCommand, OperatingSystem.WINDOWS)) {
            if (!paths.contains(path)) {
                paths.add(path);
            }
        }
        return paths;
    }

    /**
     * The normalised workspace paths an allowed command names on {@code system}, in order (see the class
     * comment). A path with {@code *} or {@code ?} stands for the files the shell would expand it to.
     */
    public static List<String> namedBy(String allowedCommand, OperatingSystem system) {
        List<String> words = words(allowedCommand, system);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (i == 0 && !isPathLike(word)) {
                continue; // a program found on the PATH
            }
            if (word.startsWith("-")) {
                int equals = word.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                word = word.substring(equals + 1); // --config=jest.config.js
            }
            String path = asPath(word);
            if (path != null && !paths.contains(path)) {
                paths.add(path);
            }
        }
        return paths;
    }

    /** The workspace file a command runs on {@code system}, if it names one (see the class comment). */
    public static Optional<String> program(String command, OperatingSystem system) {
        List<String> words = words(command, system);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String first = words.get(0);
        if (isPathLike(first)) {
            String path = asPath(first);
            if (path != null) {
                return Optional.of(path);
            }
            // outside the workspace, such as /usr/bin/python3: perhaps an interpreter with a script here
        }
        Set<String> notAScript = INTERPRETERS.get(baseName(first));
        if (notAScript == null) {
            return Optional.empty();
        }
        for (String word : words.subList(1, words.size())) {
            if (notAScript.contains(word)) {
                return Optional.empty();
            }
            if (!word.startsWith("-")) {
                return Optional.ofNullable(asPath(word));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Set<String>> interpreters() {
        Map<String, Set<String>> interpreters = new HashMap<>();
        for (String shell : List.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "fish", "csh", "tcsh")) {
            interpreters.put(shell, Set.of("-c"));
        }
        for (String python : List.of("python", "python2", "python3", "pypy", "pypy3")) {
            interpreters.put(python, Set.of("-c", "-m"));
        }
        Set<String> node = Set.of("-e", "-p", "--eval", "--print", "--test", "-r", "--require");
        interpreters.put("node", node);
        interpreters.put("nodejs", node);
        interpreters.put("perl", Set.of("-e", "-E"));
        interpreters.put("ruby", Set.of("-e"));
        interpreters.put("php", Set.of("-r"));
        interpreters.put("lua", Set.of("-e"));
        interpreters.put("Rscript", Set.of("-e"));
        interpreters.put("groovy", Set.of("-e"));
        interpreters.put("pwsh", Set.of("-c", "-Command", "-EncodedCommand"));
        return Map.copyOf(interpreters);
    }

    private static boolean isPathLike(String word) {
        return word.indexOf('/') >= 0 || word.indexOf('\\') >= 0;
    }

    private static String baseName(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        // python3.12, pypy3.10: a version after the name is the same interpreter
        return name.toLowerCase(Locale.ROOT).startsWith("python") || name.startsWith("pypy")
                ? name.replaceFirst("^(python|pypy)[0-9.]*$", "$1") : name;
    }

    /** The word as a normalised workspace path, null when it cannot be one. */
    private static String asPath(String word) {
        if (word.isEmpty() || word.startsWith("~") || word.contains("$")) {
            return null; // a home directory, or a variable the shell expands to anything
        }
        try {
            String path = WorkspacePaths.normalize(word);
            return path.isEmpty() ? null : path;
        } catch (InvalidRequestException e) {
            return null; // absolute, a drive, leaving the root: no workspace file
        }
    }

    /**
     * The words of a command line as {@code sh} splits them: at unquoted blanks, with single quotes,
     * double quotes and, on Unix, escaping backslashes removed (shell operators never get here: the policy
     * refuses them).
     */
    static List<String> words(String command, OperatingSystem system) {
        boolean escapes = system == OperatingSystem.UNIX;
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && escapes && i + 1 < command.length()) {
                    word.append(command.charAt(++i)); // sh: escapes the next character; cmd: a path separator
                } else {
                    word.append(c);
                }
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
