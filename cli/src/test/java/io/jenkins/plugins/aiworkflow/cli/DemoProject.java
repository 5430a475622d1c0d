package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** The repository's examples/demo project, as the integration tests use it: copied, then judged by its code. */
final class DemoProject {
    private DemoProject() {
    }

    /** The repository's examples directory (failsafe sets {@code aiwf.examples}). */
    static Path examples() {
        String examples = System.getProperty("aiwf.examples");
        assertThat(examples).as("system property aiwf.examples (set by failsafe)").isNotBlank();
        return Path.of(examples).toAbsolutePath().normalize();
    }

    /** Copies a project's files, leaving out its build output ({@code target}). */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    /** Compiles the demo's Slugs class as the run left it and calls slugify. */
    static String slugify(Path demo, String title) throws Exception {
        Path classes = Files.createDirectories(demo.resolve("target/it-classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int compiled = compiler.run(null, null, null, "-encoding", "UTF-8", "-d", classes.toString(),
                demo.resolve("src/main/java/com/example/demo/Slugs.java").toString());
        assertThat(compiled).as("javac exit code").isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Method slugify = loader.loadClass("com.example.demo.Slugs").getMethod("slugify", String.class);
            return (String) slugify.invoke(null, title);
        }
    }
}
