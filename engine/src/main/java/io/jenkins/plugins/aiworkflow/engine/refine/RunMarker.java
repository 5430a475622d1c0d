package io.jenkins.plugins.aiworkflow.engine.refine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The run marker ({@value RefineRequest#MARKER_PATH}): written before a run's first change with the state of the
 * workspace before it (the JSON form of its {@link WorkspaceState}, whose content stays in the store outside the
 * workspace), deleted at the run's end. A marker found at the start of a run is what an interrupted run (SIGKILL,
 * a crash) left; {@link Recover} says what is done about it. The directory gets a {@code .gitignore} of
 * {@code *}, so that git ignores it and a state recording leaves it out.
 */
final class RunMarker {
    static final String FORMAT = "aiwf-refine-run/1";
    private static final String IGNORE_FILE = RefineRequest.MARKER_DIRECTORY + "/.gitignore";
    /** A marker larger than this is not one this engine wrote. */
    private static final int MAX_MARKER_BYTES = 64 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Workspace workspace;
    private boolean createdIgnoreFile;

    RunMarker(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Writes the marker of a run that starts now from {@code start}. */
    void write(WorkspaceState start, Instant started) {
        if (workspace.stat(IGNORE_FILE) == null) {
            workspace.write(IGNORE_FILE, "# written by aiwf refine: its run marker is no part of the project\n*\n"
                    .getBytes(StandardCharsets.UTF_8));
            createdIgnoreFile = true;
        }
        ObjectNode marker = JSON.createObjectNode();
        marker.put("format", FORMAT);
        marker.put("started", started.toString());
        marker.put("store", start.store());
        try {
            marker.set("startState", JSON.readTree(start.toJson()));
            workspace.write(RefineRequest.MARKER_PATH, JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(marker));
        } catch (IOException e) {
            throw new WorkspaceException("cannot write the run marker " + RefineRequest.MARKER_PATH + ": "
                    + e.getMessage(), e);
        }
    }

    /** Deletes the marker (and what {@link #write} created for it); a failure is logged, not thrown. */
    void delete(EngineLog log) {
        try {
            workspace.delete(RefineRequest.MARKER_PATH);
        } catch (InvalidRequestException | WorkspaceException e) {
            log.warning("Could not delete the run marker " + RefineRequest.MARKER_PATH + ": " + e.getMessage());
            return;
        }
        if (createdIgnoreFile) {
            deleteDirectory();
        }
    }

    /** The marker's {@code .gitignore} and directory, when nothing else is in it. */
    private void deleteDirectory() {
        try {
            if (workspace.find(java.util.List.of(RefineRequest.MARKER_DIRECTORY + "/**")).size() == 1) {
                workspace.delete(IGNORE_FILE);
                workspace.delete(RefineRequest.MARKER_DIRECTORY);
            }
        } catch (InvalidRequestException | WorkspaceException e) {
            // what is left is ignored by git and hidden from the agent; not worth failing the run for
        }
    }

    /**
     * Looks for the marker of an interrupted run and deals with it as {@code request.recover()} says.
     *
     * @return what was found and done; null when there was no marker
     * @throws InvalidRequestException naming {@code recover}, with nothing changed, for {@link Recover#REFUSE}, and
     *                                 for {@link Recover#RESTORE} when the earlier state cannot be restored
     */
    RefineResult.Recovery recover(RefineRequest request, EngineLog log) {
        if (workspace.stat(RefineRequest.MARKER_PATH) == null) {
            return null;
        }
        Found found = read();
        String what = "An earlier refine run on this workspace did not end" + (found.started == null ? ""
                : " (started " + found.started + ")") + ": it was killed or crashed, and its run marker "
                + RefineRequest.MARKER_PATH + " is still there. The files the agent may change may hold that run's "
                + "partial work.";
        switch (request.recover()) {
            case RESTORE -> {
                if (found.state == null) {
                    throw new InvalidRequestException("recover", what + " Its recorded state cannot be used ("
                            + found.problem + "), so it cannot be restored; nothing was changed. Accepted: recover "
                            + "discard (aiwf refine --recover discard) keeps the workspace as it is and forgets "
                            + "that run", null);
                }
                RestoreResult restore;
                try {
                    restore = workspace.restoreState(found.state);
                } catch (InvalidRequestException | WorkspaceException e) {
                    throw new InvalidRequestException("recover", what + " It cannot be restored: " + e.getMessage()
                            + "; nothing was changed. Accepted: recover discard (aiwf refine --recover discard) "
                            + "keeps the workspace as it is and forgets that run", e);
                }
                if (!restore.complete()) {
                    throw new InvalidRequestException("recover", what + " Its state was restored except for "
                            + restore.failed().size() + " path(s): " + restore.failed() + ". The marker and the "
                            + "recorded states in " + found.state.store() + " are kept: make those paths "
                            + "writable and run again with recover restore, or use recover discard", null);
                }
                discard(found, log);
                String message = what + " The workspace was put back as it was before that run (" + restore
                        .restored().size() + " path(s) restored), and its marker and recorded states deleted.";
                log.warning(message);
                return new RefineResult.Recovery(found.started, Recover.RESTORE, restore.restored(), restore.failed(),
                        message);
            }
            case DISCARD -> {
                discard(found, log);
                String message = what + " The workspace was kept as it is (recover: discard), and that run's "
                        + "marker and recorded states deleted.";
                log.warning(message);
                return new RefineResult.Recovery(found.started, Recover.DISCARD, java.util.List.of(),
                        java.util.List.of(), message);
            }
            default -> throw new InvalidRequestException("recover", what + " Nothing was changed and this run did "
                    + "not start. Accepted: recover restore (aiwf refine --recover restore) puts those files back "
                    + "as they were before that run"
                    + (found.state == null ? " (not possible here: " + found.problem + ")"
                    : ", from the states recorded in " + found.state.store())
                    + ", the uncommitted changes made before it included, and then runs; changes made to them "
                    + "since that run started are undone. Recover discard (aiwf refine --recover discard) keeps "
                    + "the workspace as it is, forgets that run and runs.", null);
        }
    }

    private void discard(Found found, EngineLog log) {
        if (found.store != null) {
            try {
                workspace.discardStates(found.store);
            } catch (InvalidRequestException | WorkspaceException e) {
                log.warning("Could not delete the interrupted run's recorded states in " + found.store + ": "
                        + e.getMessage());
            }
        }
        try {
            workspace.delete(RefineRequest.MARKER_PATH);
        } catch (InvalidRequestException | WorkspaceException e) {
            throw new WorkspaceException("cannot delete the run marker " + RefineRequest.MARKER_PATH + ": "
                    + e.getMessage(), e);
        }
        deleteDirectory();
    }

    /** What a marker says; the state null (and the problem named) when it cannot be used. */
    private static final class Found {
        Instant started;
        String store;
        WorkspaceState state;
        String problem;
    }

    private Found read() {
        Found found = new Found();
        try (InputStream in = workspace.openRead(RefineRequest.MARKER_PATH)) {
            byte[] bytes = in.readNBytes(MAX_MARKER_BYTES + 1);
            if (bytes.length > MAX_MARKER_BYTES) {
                found.problem = "the marker is larger than " + MAX_MARKER_BYTES + " bytes";
                return found;
            }
            JsonNode marker = JSON.readTree(bytes);
            if (marker == null || !marker.isObject() || !FORMAT.equals(marker.path("format").asText())) {
                found.problem = "the marker is not of the format " + FORMAT;
                return found;
            }
            try {
                found.started = Instant.parse(marker.path("started").asText());
            } catch (DateTimeParseException e) {
                found.started = null;
            }
            found.store = marker.path("store").isTextual() ? marker.path("store").asText() : null;
            JsonNode state = marker.get("startState");
            if (state == null || !state.isObject()) {
                found.problem = "the marker holds no recorded state";
                return found;
            }
            found.state = WorkspaceState.fromJson(JSON.writeValueAsString(state), RefineRequest.MARKER_PATH);
            found.store = found.state.store();
        } catch (IOException e) {
            found.problem = "the marker cannot be read: " + e.getMessage();
        } catch (InvalidRequestException e) {
            found.problem = e.getMessage();
        }
        return found;
    }
}
