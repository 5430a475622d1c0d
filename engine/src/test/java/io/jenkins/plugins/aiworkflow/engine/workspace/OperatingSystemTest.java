package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OperatingSystemTest {
    @ParameterizedTest
    @CsvSource({"Windows 11,WINDOWS", "Windows Server 2022,WINDOWS", "windows 10,WINDOWS", "Linux,UNIX",
        "Mac OS X,UNIX", "FreeBSD,UNIX", "SunOS,UNIX", "AIX,UNIX", "'',UNIX"})
    void shouldTellTheSystemByTheNameItsJvmGives(String osName, OperatingSystem expected) {
        assertThat(OperatingSystem.of(osName)).isEqualTo(expected);
    }

    @Test
    void shouldRunACommandLineInTheSystemsShell() {
        assertThat(OperatingSystem.UNIX.shellCommand("mvn -B test")).containsExactly("sh", "-c", "mvn -B test");
        assertThat(OperatingSystem.WINDOWS.shellCommand("mvn -B test")).containsExactly("cmd.exe", "/c", "mvn -B test");
    }
}
