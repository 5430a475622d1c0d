package io.jenkins.plugins.aiworkflow.cli;

import java.util.List;

/** Reads a printed help the way a person does. */
final class HelpTexts {
    private HelpTexts() {
    }

    /**
     * The description of the option whose line is {@code synopsis}, its wrapped lines joined by
     * spaces; fails if the help has no such option line.
     */
    static String optionHelp(String help, String synopsis) {
        List<String> lines = help.lines().toList();
        int start = lines.indexOf("  " + synopsis);
        if (start < 0) {
            throw new AssertionError("no option line '  " + synopsis + "' in the help:\n" + help);
        }
        StringBuilder description = new StringBuilder();
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("      "); i++) {
            description.append(description.length() == 0 ? "" : " ").append(lines.get(i).strip());
        }
        return description.toString();
    }
}
