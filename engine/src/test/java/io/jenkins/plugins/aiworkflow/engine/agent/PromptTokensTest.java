package io.jenkins.plugins.aiworkflow.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.context.TokenCounter;
import io.jenkins.plugins.aiworkflow.engine.llm.AssistantMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.Message;
import io.jenkins.plugins.aiworkflow.engine.llm.SystemMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolCall;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolResultMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolSpec;
import io.jenkins.plugins.aiworkflow.engine.llm.UserMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The next prompt's size: counted at first, then the server's count plus what was added since. */
class PromptTokensTest {
    /** One token per character, so that the figures can be read off the texts. */
    private static final TokenCounter CHARS = new TokenCounter() {
        @Override
        public int count(String text) {
            return text.length();
        }

        @Override
        public String name() {
            return "one per char";
        }

        @Override
        public boolean isEstimate() {
            return true;
        }
    };

    @Test
    void shouldCountEverythingBeforeTheFirstCallAndOnlyWhatWasAddedAfterTheServersCount() {
        // given: a tool spec of 10 + 5 + 2 chars and two messages of 6 and 4 chars
        PromptTokens prompt = new PromptTokens(CHARS, List.of(new ToolSpec("read_file", "reads", "{}")));
        List<Message> messages = new ArrayList<>(List.of(new SystemMessage("system"), new UserMessage("task")));

        // when / then: before the first call, all of it with the allowance per message
        long first = prompt.estimate(messages);
        assertThat(first).isEqualTo(16 + 6 + 4 + 3 * PromptTokens.PER_MESSAGE);

        // when: the server counted 1,000 for that prompt, and a reply and a tool result were added
        prompt.reported(1_000, messages.size());
        messages.add(new AssistantMessage("ok", List.of(new ToolCall("c1", "read_file", "{\"p\":1}"))));
        messages.add(new ToolResultMessage("c1", "read_file", "content"));

        // then: the server's count is the base; the new messages are counted once
        long second = prompt.estimate(messages);
        assertThat(second).isEqualTo(1_000 + (2 + 2 + 9 + 7 + 2 * PromptTokens.PER_MESSAGE)
                + (7 + 2 + PromptTokens.PER_MESSAGE));
        assertThat(prompt.estimate(messages)).as("counted once").isEqualTo(second);
    }

    @Test
    void shouldKeepTheCountWhenTheServerReportsNoUsage() {
        // given
        PromptTokens prompt = new PromptTokens(CHARS, List.of());
        List<Message> messages = List.of(new UserMessage("task"));
        long estimate = prompt.estimate(messages);

        // when
        prompt.reported(0, messages.size());

        // then
        assertThat(prompt.estimate(messages)).isEqualTo(estimate);
    }
}
