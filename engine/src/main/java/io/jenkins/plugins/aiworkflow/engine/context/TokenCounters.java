package io.jenkins.plugins.aiworkflow.engine.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.regex.Pattern;

/** The {@link TokenCounter} implementations and the model-name mapping. */
final class TokenCounters {
    static final TokenCounter O200K_BASE = new Jtokkit(EncodingType.O200K_BASE);
    static final TokenCounter CL100K_BASE = new Jtokkit(EncodingType.CL100K_BASE);
    static final TokenCounter ESTIMATE = new Estimate();

    private static final Pattern O_SERIES = Pattern.compile("o\\d+(-.*)?");

    private TokenCounters() {
    }

    static TokenCounter forModel(String modelName) {
        if (modelName == null || modelName.isBlank()) {
            return ESTIMATE;
        }
        String name = modelName.strip().toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.startsWith("gpt-4o") || name.startsWith("chatgpt-4o") || name.startsWith("gpt-4.1")
                || name.startsWith("gpt-4.5") || name.startsWith("gpt-5") || name.startsWith("gpt-oss")
                || name.startsWith("codex-") || O_SERIES.matcher(name).matches()) {
            return O200K_BASE;
        }
        if (name.equals("gpt-4") || name.startsWith("gpt-4-") || name.startsWith("gpt-3.5")
                || name.startsWith("gpt-35") || name.startsWith("text-embedding-")) {
            return CL100K_BASE;
        }
        return ESTIMATE;
    }

    /** A real BPE tokenizer; the encoding's tables are loaded on first use and shared. */
    private static final class Jtokkit implements TokenCounter {
        private final EncodingType type;
        private volatile Encoding encoding;

        Jtokkit(EncodingType type) {
            this.type = type;
        }

        private Encoding encoding() {
            Encoding loaded = encoding;
            if (loaded == null) {
                synchronized (this) {
                    loaded = encoding;
                    if (loaded == null) {
                        loaded = Registry.INSTANCE.getEncoding(type);
                        encoding = loaded;
                    }
                }
            }
            return loaded;
        }

        @Override
        public int count(String text) {
            return text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
        }

        @Override
        public String name() {
            return type.getName();
        }

        @Override
        public boolean isEstimate() {
            return false;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Loaded on first use, so that a run that only estimates never reads the tables. */
    private static final class Registry {
        static final com.knuddels.jtokkit.api.EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }

    private static final class Estimate implements TokenCounter {
        @Override
        public int count(String text) {
            long ascii = 0;
            long other = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    ascii++;
                } else if (!Character.isLowSurrogate(c)) {
                    other++;
                }
            }
            return Math.toIntExact((ascii + 3) / 4 + other);
        }

        @Override
        public String name() {
            return "estimate (ASCII chars/4 rounded up + 1 per other character)";
        }

        @Override
        public boolean isEstimate() {
            return true;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
