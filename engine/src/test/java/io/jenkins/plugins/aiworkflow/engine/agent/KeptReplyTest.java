package io.jenkins.plugins.aiworkflow.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.llm.AssistantMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class KeptReplyTest {
    private static final UnaryOperator<String> NO_SECRETS = UnaryOperator.identity();

    @Test
    void shouldKeepASmallReplyAsItIs() {
        // given
        AssistantMessage reply = new AssistantMessage("Reading it.",
                List.of(new ToolCall("c1", "read_file", "{\"path\":\"a.txt\"}")));

        // when
        KeptReply kept = KeptReply.of(reply, NO_SECRETS);

        // then
        assertThat(kept.message()).isEqualTo(reply);
        assertThat(kept.notRun(0)).isEmpty();
        assertThat(kept.droppedCalls()).isEmpty();
        assertThat(kept.cutNote()).isEmpty();
    }

    @Test
    void shouldKeepTheHeadAndTailOfALongTextWithTheMarker() {
        // given
        String text = "h".repeat(50_000) + "t".repeat(50_000);

        // when
        KeptReply kept = KeptReply.of(AssistantMessage.text(text), NO_SECRETS);

        // then
        assertThat(kept.message().text()).startsWith("h".repeat(10_000) + "\n[... 80000 chars truncated ...]\n")
                .endsWith("t".repeat(10_000))
                .hasSize(KeptReply.MAX_TEXT_CHARS + "\n[... 80000 chars truncated ...]\n".length());
        assertThat(kept.cutNote()).hasValue("its text of 100,000 characters was cut to 20,000 (head and tail)");
    }

    @Test
    void shouldCutLongArgumentsAndMarkTheCallAsNotToBeRun() {
        // given
        String arguments = "{\"path\":\"a.txt\",\"content\":\"" + "x".repeat(KeptReply.MAX_TOOL_CALL_ARGUMENTS_CHARS)
                + "\"}";
        AssistantMessage reply = new AssistantMessage("", List.of(new ToolCall("c1", "write_file", arguments),
                new ToolCall("c2", "read_file", "{\"path\":\"a.txt\"}")));

        // when
        KeptReply kept = KeptReply.of(reply, NO_SECRETS);

        // then
        assertThat(kept.message().toolCalls().get(0).argumentsJson()).contains("chars truncated ...]")
                .hasSizeLessThan(KeptReply.MAX_TOOL_CALL_ARGUMENTS_CHARS + 100);
        assertThat(kept.notRun(0)).hasValueSatisfying(why -> assertThat(why).startsWith(
                "the arguments of write_file were 200,029 characters, more than the 200,000"));
        assertThat(kept.notRun(1)).isEmpty();
        assertThat(kept.message().toolCalls().get(1)).isEqualTo(reply.toolCalls().get(1));
    }

    @Test
    void shouldCutAnIdAndANameThatAreTooLong() {
        // given
        String id = "i".repeat(10_000);
        String name = "n".repeat(10_000);

        // when
        KeptReply kept = KeptReply.of(new AssistantMessage("", List.of(new ToolCall(id, name, "{}"))), NO_SECRETS);

        // then
        ToolCall call = kept.message().toolCalls().get(0);
        assertThat(call.id()).hasSizeLessThan(KeptReply.MAX_TOOL_CALL_NAME_CHARS + 50);
        assertThat(call.name()).hasSizeLessThan(KeptReply.MAX_TOOL_CALL_NAME_CHARS + 50);
    }

    @Test
    void shouldKeepOnlyTheFirstToolCalls() {
        // given
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(new ToolCall("c" + i, "read_file", "{}"));
        }

        // when
        KeptReply kept = KeptReply.of(new AssistantMessage("", calls), NO_SECRETS);

        // then
        assertThat(kept.message().toolCalls()).isEqualTo(calls.subList(0, KeptReply.MAX_TOOL_CALLS));
        assertThat(kept.droppedCalls()).hasValue("the reply had 40 tool calls; only the first 32 were kept and run, "
                + "the other 8 were dropped: make at most 32 tool calls per reply");
    }

    @Test
    void shouldMaskSecretsBeforeTheCutSoThatNoPartOfOneIsLeft() {
        // given: copies of a secret end to end, so that the cut falls inside one
        String secret = "Zq9XvW7kP3mN8bR2tY6uL4";
        String text = secret.repeat(50_000);

        // when
        KeptReply kept = KeptReply.of(AssistantMessage.text(text), value -> value.replace(secret, "****"));

        // then
        assertThat(kept.message().text()).contains("****", "chars truncated").doesNotContain("Zq9")
                .doesNotContain("uL4");
    }
}
