package io.jenkins.plugins.aiworkflow.plugin.action;

import hudson.model.Item;
import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;

/**
 * The build page's "AI Workflow": one per build, with a table of what each AI Workflow step call came to (a row
 * per step and iteration: verdict, tests, diff size, tokens, cost, stop reason) and links to the report files the
 * steps had the engine write into the build's directory.
 *
 * <p>What the steps call, on the controller, in their step execution:
 * <pre>{@code
 * StepRecord record = AiWorkflowAction.forRun(run).newRecord("aiRefine", label);
 * Path reports = record.getDirectory();          // the engine writes its report files here
 * record.addRow(Row.builder("aiRefine", 1, "FAILED").tests(10, 2, 0, 12).diff(30, 4)
 *         .tokens(12000L, 800L).costUsd(0.021).build());   // after each iteration; saves the build
 * }</pre>
 * Every method is thread-safe: the branches of a {@code parallel} record at the same time.
 *
 * <p><b>Where things are kept.</b> The records and their rows are kept in {@code build.xml} with this action:
 * they are small (a few numbers and short texts per row, every text bounded by {@link Row}), bounded in number
 * ({@value #MAX_ROWS} rows and {@value #MAX_RECORDS} records; more are counted, not kept), and so are saved and
 * loaded with the build by Jenkins itself, with no file format or parser of our own. The report files, which
 * can be large, are only ever in {@code <build>/ai-workflow/<record id>/} and served from there
 * ({@link #doFile}); nothing of them goes into {@code build.xml}.
 *
 * <p><b>Access.</b> The page and the files need the job's {@link Item#READ} ({@link #getTarget}); the icon is
 * hidden without it. Files are served only from the build's record directories: a name with a separator or
 * {@code ..}, a hidden file, a link (even one that stays inside) or anything but a regular file is a 404.
 */
public final class AiWorkflowAction implements RunAction2, StaplerProxy {
    /** The folder of the records in the build's directory, and the page's URL name. */
    public static final String FOLDER = "ai-workflow";
    /** The most rows a build keeps; rows beyond it are counted in {@link #getRowsLeftOut()}. */
    public static final int MAX_ROWS = 1_000;
    /** The most records a build lists; records beyond it get a directory but are counted, not listed. */
    public static final int MAX_RECORDS = 1_000;
    /** The longest label kept. */
    public static final int LABEL_CHARS = 200;

    /** Guards the get-or-add of {@link #forRun}: two branches must not each add an action. */
    private static final Object ADD_LOCK = new Object();

    /** Replaced, never changed (copy on write), so that saving the build never sees it change. */
    private volatile ArrayList<StepRecord> records = new ArrayList<>();
    private int lastSequence;
    private int rowsLeftOut;
    private int recordsLeftOut;
    private transient Run<?, ?> run;

    private AiWorkflowAction() {
    }

    /**
     * The build's action, added to it when it has none. Call it on the controller; thread-safe.
     */
    public static AiWorkflowAction forRun(Run<?, ?> run) {
        Objects.requireNonNull(run, "run");
        synchronized (ADD_LOCK) {
            AiWorkflowAction action = run.getAction(AiWorkflowAction.class);
            if (action == null) {
                action = new AiWorkflowAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /**
     * A new record for one call of a step, with its directory created, and the build saved.
     *
     * @param stepName the step ({@code aiValidate}, {@code aiImplement}, {@code aiRefine}): letters, digits and
     *                 {@code _}, starting with a letter, at most 64 characters
     * @param label    what tells this call from others of the same step (the step's {@code label} parameter, the
     *                 stage); may be null; control characters escaped, cut to {@value #LABEL_CHARS} characters
     * @throws IllegalArgumentException naming {@code stepName} when it is not a step name
     * @throws IOException              when the directory cannot be created (nothing is recorded) or the build cannot be
     *                                  saved (the record is kept in memory and saved with the next save)
     */
    public StepRecord newRecord(String stepName, String label) throws IOException {
        Row.checkStepName(stepName, "stepName");
        String boundedLabel = label == null || label.isBlank() ? null : Row.bounded(label.strip(), LABEL_CHARS);
        StepRecord record;
        synchronized (this) {
            int sequence = lastSequence;
            String id;
            Path folder = recordsDirectory();
            try {
                Files.createDirectories(folder);
                // a directory left by a build whose last save was lost (a controller killed) is never reused
                do {
                    sequence++;
                    id = sequence + "-" + stepName;
                    if (sequence - lastSequence > MAX_RECORDS) {
                        throw new IOException("the next " + MAX_RECORDS + " record directories exist already");
                    }
                } while (!createdNew(folder.resolve(id)));
            } catch (IOException e) {
                throw new IOException("the report directory of " + stepName + " cannot be created in '" + folder
                        + "': " + e.getMessage(), e);
            }
            lastSequence = sequence;
            boolean listed = records.size() < MAX_RECORDS;
            record = new StepRecord(id, stepName, boundedLabel, this, listed);
            if (listed) {
                ArrayList<StepRecord> next = new ArrayList<>(records.size() + 1);
                next.addAll(records);
                next.add(record);
                records = next;
            } else {
                recordsLeftOut++;
            }
        }
        save();
        return record;
    }

    /** Creates the directory; false when something is there already. */
    private static boolean createdNew(Path directory) throws IOException {
        try {
            Files.createDirectory(directory);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * Adds the row to the record unless the build has all the rows it keeps, or the record is not listed (then the
     * row is counted); false when there is nothing to save.
     */
    synchronized boolean admitRow(StepRecord record, Row row) {
        if (!record.isListed()) {
            rowsLeftOut++;
            return false;
        }
        int rows = 0;
        for (StepRecord each : records) {
            rows += each.getRows().size();
        }
        if (rows >= MAX_ROWS) {
            rowsLeftOut++;
        } else {
            record.appendRow(row);
        }
        return true;
    }

    /** Saves the build; outside this action's lock, as Jenkins' own saving reads this action. */
    void save() throws IOException {
        run.save();
    }

    Path recordsDirectory() {
        return run.getRootDir().toPath().resolve(FOLDER);
    }

    /** The records the page lists, in the order they were made. */
    public List<StepRecord> getRecords() {
        return Collections.unmodifiableList(records);
    }

    /** Rows not kept: beyond {@value #MAX_ROWS} in the build, or of a record beyond {@value #MAX_RECORDS}. */
    public synchronized int getRowsLeftOut() {
        return rowsLeftOut;
    }

    /** Records not listed, beyond {@value #MAX_RECORDS}; their files are in the build's directory all the same. */
    public synchronized int getRecordsLeftOut() {
        return recordsLeftOut;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
        if (records == null) {
            records = new ArrayList<>();
        }
        for (StepRecord record : records) {
            record.attach(this);
        }
    }

    @Override
    public String getIconFileName() {
        return run != null && run.hasPermission(Item.READ) ? "symbol-ai-workflow plugin-ai-workflow" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.AiWorkflowAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return FOLDER;
    }

    /** Every URL under the action (the page, the files) needs the job's {@link Item#READ}. */
    @Override
    public Object getTarget() {
        run.checkPermission(Item.READ);
        return this;
    }

    /**
     * Serves a record's report file, {@code .../ai-workflow/file/<record id>/<file name>}, with its content type,
     * {@code X-Content-Type-Options: nosniff} and a Content-Security-Policy of its own; anything that is not a
     * listed record's servable file is a 404. A GET: it only reads, and needs {@link Item#READ}.
     */
    @GET
    public void doFile(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        run.checkPermission(Item.READ);
        Path file = fileOf(request.getRestOfPath());
        if (file == null) {
            response.sendError(404);
            return;
        }
        FileChannel channel;
        try {
            // not following a link: one put in its place since it was checked is refused here
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            response.sendError(404);
            return;
        }
        try (channel) {
            String name = file.getFileName().toString();
            response.setContentType(ReportFiles.contentType(name));
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", ReportFiles.policy(name));
            // reports change while the build runs, and are only for those who may read the job
            response.setHeader("Cache-Control", "private, no-cache");
            if (ReportFiles.isAttachment(name)) {
                response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
            }
            response.setContentLengthLong(channel.size());
            try (InputStream in = Channels.newInputStream(channel)) {
                in.transferTo(response.getOutputStream());
            }
        }
    }

    /** The file that {@code /<record id>/<file name>} names, or null. */
    Path fileOf(String restOfPath) {
        if (restOfPath == null || !restOfPath.startsWith("/")) {
            return null;
        }
        String[] parts = restOfPath.substring(1).split("/", -1);
        if (parts.length != 2) {
            return null;
        }
        for (StepRecord record : records) {
            if (record.getId().equals(parts[0])) {
                return ReportFiles.resolve(run.getRootDir().toPath(), FOLDER, record.getId(), parts[1]);
            }
        }
        return null;
    }
}
