package com.example.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlugsTest {
    @Test
    void shouldLowerCaseAndJoinWords() {
        assertEquals("hello-world", Slugs.slugify("Hello World"));
    }

    @Test
    void shouldDropAccents() {
        assertEquals("creme-brulee", Slugs.slugify("Crème Brûlée"));
    }

    @Test
    void shouldTrimSeparators() {
        assertEquals("ai-workflow", Slugs.slugify("  --AI workflow!  "));
    }
}
