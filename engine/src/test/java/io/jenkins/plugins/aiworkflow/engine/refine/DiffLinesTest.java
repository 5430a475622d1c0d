package io.jenkins.plugins.aiworkflow.engine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.validate.ChangedFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffLinesTest {
    @Test
    void shouldCountHunkLinesPerFileAndNotTheHeaders() {
        // given: a removed SQL comment reads like a header line, inside a hunk
        String diff = """
                diff --git a/schema.sql b/schema.sql
                --- a/schema.sql
                +++ b/schema.sql
                @@ -1,3 +1,2 @@
                --- the old table
                 create table t (id int);
                -drop table u;
                +drop table v;
                \\ No newline at end of file
                diff --git a/new.txt b/new.txt
                new file mode 100644
                --- /dev/null
                +++ b/new.txt
                @@ -0,0 +1,2 @@
                +one
                +two
                """;

        // when
        List<ChangedFile> files = DiffLines.perFile(diff, List.of(new FileChange("schema.sql",
                FileChange.Kind.MODIFIED), new FileChange("new.txt", FileChange.Kind.CREATED)));

        // then
        assertThat(files).containsExactly(new ChangedFile("schema.sql", 1, 2), new ChangedFile("new.txt", 2, 0));
        assertThat(DiffLines.total(files)).isEqualTo(5);
        assertThat(DiffLines.addedAndRemoved(diff)).containsExactly(3, 2);
    }

    @Test
    void shouldCountNothingForFilesWhoseSectionsDoNotMatch() {
        // when
        List<ChangedFile> files = DiffLines.perFile("", List.of(new FileChange("a", FileChange.Kind.DELETED)));

        // then
        assertThat(files).containsExactly(new ChangedFile("a", 0, 0));
    }
}
