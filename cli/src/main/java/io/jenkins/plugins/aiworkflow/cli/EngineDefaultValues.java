package io.jenkins.plugins.aiworkflow.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults a command shows in {@code --help} and uses when an option is not given, by the
 * option's longest name. Each command reads them from the engine, so the CLI cannot drift from
 * the plugin; options without an entry keep their annotation's default or none.
 */
abstract class EngineDefaultValues implements IDefaultValueProvider {
    private final Map<String, String> defaults;

    EngineDefaultValues(Map<String, String> defaults) {
        this.defaults = Map.copyOf(defaults);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        return argSpec instanceof OptionSpec option ? defaults.get(option.longestName()) : null;
    }
}
