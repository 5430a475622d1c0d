package com.example.demo;

import java.text.Normalizer;
import java.util.Locale;

/** Turns titles into URL slugs. */
public final class Slugs {
    private Slugs() {
    }

    public static String slugify(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
