package io.jenkins.plugins.aiworkflow.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * Reads a command's options with Apache Commons CLI and hands each given value to the command, in
 * the order given, so that a later value wins. Commons CLI only splits the arguments into options
 * and values ({@code --opt value} and {@code --opt=value}); how values combine, conversions,
 * required options and the messages are aiwf's. Nothing here is built by reflection, and only the
 * named command's options are set up: start-up is much of what a user waits for on a small report
 * (docs/performance.md).
 */
final class OptionParser {
    /** What the arguments ask for. */
    enum Request { RUN, HELP, VERSION }

    static final String HELP = "--help";
    static final String VERSION = "--version";

    private OptionParser() {
    }

    /**
     * Sets the command's options from {@code args}, starting at {@code from}.
     *
     * @return {@link Request#HELP} or {@link Request#VERSION} when one of those options was given
     *         (then nothing is set and nothing else is checked), else {@link Request#RUN}
     * @throws UsageException naming the problem: an unknown option (with suggestions), a missing
     *         value or required option, a malformed value, an argument that is no option
     */
    static Request parse(AiwfCommand command, String[] args, int from) {
        List<CliOption> options = command.options();
        CommandLine line;
        try {
            line = DefaultParser.builder()
                    // --max-fail is no --max-failures: a shortened option would change meaning when
                    // an option is added, and wrapper scripts outlive versions
                    .setAllowPartialMatching(false)
                    // '"x"' stays as it is: the shell has already removed the quotes the user meant
                    .setStripLeadingAndTrailingQuotes(false)
                    .get()
                    .parse(commonsOptions(options), Arrays.copyOfRange(args, from, args.length));
        } catch (UnrecognizedOptionException e) {
            throw unknownOption(e.getOption(), options);
        } catch (MissingArgumentException e) {
            String name = "--" + e.getOption().getLongOpt();
            CliOption option = find(options, name);
            throw new UsageException("Missing value for option '" + name + "' (" + (option == null ? "VALUE"
                    : option.label()) + ")");
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        Option[] given = line.getOptions();
        for (Option option : given) {
            if ("help".equals(option.getLongOpt())) {
                return Request.HELP;
            }
        }
        for (Option option : given) {
            if ("version".equals(option.getLongOpt())) {
                return Request.VERSION;
            }
        }
        String[] rest = line.getArgs();
        if (rest.length > 0) {
            throw new UsageException("Unexpected argument: '" + rest[0] + "'; " + command.name()
                    + " takes options only" + (options.isEmpty() ? "" : ", such as " + options.get(0).synopsis()));
        }
        boolean[] seen = new boolean[options.size()];
        for (Option option : given) {
            String name = "--" + option.getLongOpt();
            int index = indexOf(options, name);
            seen[index] = true;
            set(command, options.get(index), name, option.getValue());
        }
        missingRequired(options, seen);
        return Request.RUN;
    }

    /** Each name of each option as Commons CLI knows it (without hyphens); switches with their {@code no-} form. */
    private static Options commonsOptions(List<CliOption> options) {
        Options commons = new LongOptionsOnly();
        commons.addOption(Option.builder("h").longOpt("help").get());
        commons.addOption(Option.builder("V").longOpt("version").get());
        for (CliOption option : options) {
            commons.addOption(commonsOption(option.name(), option.takesValue()));
            if (option.alias() != null) {
                commons.addOption(commonsOption(option.alias(), option.takesValue()));
            }
            if (option.kind() == CliOption.Kind.SWITCH) {
                commons.addOption(commonsOption(option.negatedName(), false));
            }
        }
        return commons;
    }

    private static Option commonsOption(String name, boolean takesValue) {
        return Option.builder().longOpt(name.substring(2)).hasArg(takesValue).get();
    }

    /** One given value; a list's value is split at commas, a switch's is its name: --x or --no-x. */
    private static void set(AiwfCommand command, CliOption option, String givenName, String value) {
        try {
            // if, not a switch on the enum: that would load one more (synthetic) class at every start
            if (option.kind() == CliOption.Kind.SWITCH) {
                command.set(option.name(), option.name().equals(givenName) ? "true" : "false");
            } else if (option.kind() == CliOption.Kind.LIST) {
                int start = 0;
                int comma = value.indexOf(',');
                while (comma >= 0) {
                    command.set(option.name(), value.substring(start, comma));
                    start = comma + 1;
                    comma = value.indexOf(',', start);
                }
                command.set(option.name(), value.substring(start));
            } else {
                command.set(option.name(), value);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '" + givenName + "': " + e.getMessage());
        }
    }

    private static void missingRequired(List<CliOption> options, boolean[] seen) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i] && options.get(i).isRequired()) {
                missing.add("'" + options.get(i).synopsis() + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException((missing.size() == 1 ? "Missing required option: " : "Missing required options: ")
                    + String.join(", ", missing));
        }
    }

    /**
     * An unknown option, with the closest known names; a switch given a value ({@code --x=false}) is
     * told what it takes instead.
     */
    private static UsageException unknownOption(String token, List<CliOption> options) {
        int equals = token.indexOf('=');
        String typed = equals < 0 ? token : token.substring(0, equals);
        if (equals >= 0) {
            CliOption option = find(options, typed);
            if (option != null && option.kind() == CliOption.Kind.SWITCH) {
                return new UsageException("Invalid value for option '" + typed + "': it is a switch and takes no "
                        + "value; accepted: " + option.name() + " or " + option.negatedName());
            }
            if (HELP.equals(typed) || VERSION.equals(typed)) {
                return new UsageException("Invalid value for option '" + typed + "': it takes no value");
            }
        }
        return new UsageException("Unknown option: '" + token + "'", Suggestions.didYouMean(typed, names(options)));
    }

    /** Every name the options are accepted under, {@code --help} and {@code --version} last. */
    static List<String> names(List<CliOption> options) {
        List<String> names = new ArrayList<>();
        for (CliOption option : options) {
            names.add(option.name());
            if (option.alias() != null) {
                names.add(option.alias());
            }
            if (option.kind() == CliOption.Kind.SWITCH) {
                names.add(option.negatedName());
            }
        }
        names.add(HELP);
        names.add(VERSION);
        return names;
    }

    /** The option that {@code name} (with hyphens) names, or null. */
    static CliOption find(List<CliOption> options, String name) {
        int index = indexOf(options, name);
        return index < 0 ? null : options.get(index);
    }

    private static int indexOf(List<CliOption> options, String name) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).isNamed(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Long options only with two hyphens, short ones ({@code -h}, {@code -V}) only with one letter.
     * Commons CLI keeps an option without a short name under its long name among the short ones, so
     * on its own it reads {@code -reports} as {@code --reports}, and {@code -workspacex} as
     * {@code --workspace x} (Java's {@code -Xmx512m} style); aiwf's options are GNU style only, so
     * that a typo cannot turn into another option. The parser asks for a long option with the
     * token's hyphens still on, and for those other readings without them.
     */
    private static final class LongOptionsOnly extends Options {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean hasLongOption(String name) {
            return name.startsWith("--") && super.hasLongOption(name);
        }

        @Override
        public boolean hasShortOption(String name) {
            int hyphens = name.startsWith("--") ? 2 : name.startsWith("-") ? 1 : 0;
            return name.length() - hyphens == 1 && super.hasShortOption(name);
        }
    }
}
