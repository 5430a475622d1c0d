package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.util.List;

/**
 * What a command the agent ran changed in the workspace, found by comparing a
 * {@link WorkspaceSnapshot} before and after it (files git ignores are not looked at).
 *
 * @param tracked     changes to files the agent may change: they are in the run's changed files and diff from
 *                    now on, as if the agent had made them with its file tools
 * @param notWritable changes to visible files the agent may not change (read-only, or outside the writable
 *                    globs): not part of the result, reported as a policy note
 * @param hidden      changes to hidden files: not part of the result, reported (the model is told only how many)
 * @param notes       where the comparison was limited (see {@link WorkspaceSnapshot#notes()})
 */
public record CommandChanges(List<FileChange> tracked, List<FileChange> notWritable, List<FileChange> hidden,
                             List<String> notes) {
    /** Nothing changed and nothing to note. */
    public static final CommandChanges NONE = new CommandChanges(List.of(), List.of(), List.of(), List.of());

    public CommandChanges {
        tracked = List.copyOf(tracked);
        notWritable = List.copyOf(notWritable);
        hidden = List.copyOf(hidden);
        notes = List.copyOf(notes);
    }

    /** Whether the command changed anything the agent may not change, or the check was limited. */
    public boolean needsPolicyNote() {
        return !notWritable.isEmpty() || !hidden.isEmpty() || !notes.isEmpty();
    }

    public boolean isEmpty() {
        return tracked.isEmpty() && !needsPolicyNote();
    }
}
