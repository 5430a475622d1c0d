package io.jenkins.plugins.aiworkflow.plugin.workspace;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import java.security.CodeSource;
import java.util.Objects;
import jenkins.security.CustomClassFilter;

/**
 * Lets the engine's serializable types cross the agent channel. The engine is a plain library jar inside this
 * plugin, and Jenkins' class filter (JEP-200) rejects classes of jars that are neither core nor a plugin, so without
 * this every answer of an agent ({@link FilePathWorkspace}'s tasks return the engine's {@code WorkspaceFile}, the
 * test report, the state of the files) failed with "Rejected: io.jenkins.plugins.aiworkflow.engine...". Permitted
 * are only classes of the engine's package loaded from the very jar this plugin bundles; for anything else this
 * filter has no opinion.
 */
@Extension
public final class EngineClassFilter implements CustomClassFilter {
    private static final String ENGINE_PACKAGE = "io.jenkins.plugins.aiworkflow.engine.";

    @Override
    @CheckForNull
    public Boolean permits(Class<?> c) {
        if (!c.getName().startsWith(ENGINE_PACKAGE)) {
            return null;
        }
        // a class of that name from any other jar (or a class loader without a code source) gets no pass
        return sameLocation(c, Workspace.class) ? Boolean.TRUE : null;
    }

    private static boolean sameLocation(Class<?> c, Class<?> engine) {
        if (c.getClassLoader() != engine.getClassLoader()) {
            return false;
        }
        CodeSource source = c.getProtectionDomain().getCodeSource();
        CodeSource engineSource = engine.getProtectionDomain().getCodeSource();
        return source != null && engineSource != null && source.getLocation() != null
                && Objects.equals(source.getLocation().toString(), engineSource.getLocation().toString());
    }
}
