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
    void shouldDropApostrophes() {
        assertEquals("dont-panic", Slugs.slugify("Don't Panic"));
    }

    @Test
    void shouldDropTypographicApostrophes() {
        assertEquals("its-a-trap", Slugs.slugify("It’s a Trap"));
    }

    @Test
    void shouldTrimSeparators() {
        assertEquals("ai-workflow", Slugs.slugify("  --AI workflow!  "));
    }
}
