package dev.authkit.core.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.CookieSealer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid seals at random and checks each mutant either fails to unseal or yields exactly
 * the original plaintext (only possible for mutations that change nothing the MAC covers, such as
 * dropping the {@code ~2} suffix). Never an exception, never altered text.
 */
class SealMutationPropertyTest {
    enum Mutation { BIT_FLIP, CHAR_REPLACE, TRUNCATE, DELETE_CHAR, FIELD_SWAP, FIELD_DROP, FIELD_DUPLICATE,
        INSERT_STAR, INSERT_TILDE, INSERT_RANDOM, FIELD_FROM_OTHER_SEAL }

    static final int MUTANTS = 12_000;
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*~=+/.%\u00e9\u0000";

    @Test
    void noMutantYieldsAlteredPlaintextOrThrows() {
        long seed = Long.getLong("mutation.seed", 20261127L);
        Random rnd = new Random(seed);
        CookieSealer sealer = CookieSealer.iron(Map.of("1", IronSealerTest.PASSWORD, "2", IronSealerTest.OTHER_PASSWORD));
        List<String> plaintexts = List.of("{\"user\":{\"id\":\"user_1\",\"email\":\"a@example.com\"},\"accessToken\":\"x.y.z\"}",
                "[1,2,3]", "\"s\"", "{}");
        List<String[]> seals = new ArrayList<>();
        for (String p : plaintexts) {
            seals.add(new String[] {sealer.seal(p, Duration.ZERO), p});
            seals.add(new String[] {sealer.seal(p, Duration.ofHours(1)), p});
        }
        Map<Mutation, int[]> counts = new EnumMap<>(Mutation.class);
        int unchanged = 0;
        for (int i = 0; i < MUTANTS; i++) {
            String[] pick = seals.get(rnd.nextInt(seals.size()));
            String original = pick[0];
            Mutation m = Mutation.values()[rnd.nextInt(Mutation.values().length)];
            String mutant = mutate(original, m, rnd, seals.get(rnd.nextInt(seals.size()))[0]);
            if (mutant.equals(original)) {
                unchanged++;
                continue;
            }
            Optional<String> result;
            try {
                result = sealer.unseal(mutant);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + m + " made unseal throw for " + mutant, e);
            }
            if (result.isPresent()) {
                assertThat(result.get()).as("seed %d, %s of %s -> %s", seed, m, original, mutant).isEqualTo(pick[1]);
                counts.computeIfAbsent(m, k -> new int[1])[0]++;
            }
        }
        // only mutations that leave the MAC-covered body intact may still open, and those are rare
        int opened = counts.values().stream().mapToInt(c -> c[0]).sum();
        assertThat(opened).as("mutants that still opened: %s", counts).isLessThan(MUTANTS / 20);
        assertThat(MUTANTS - unchanged).isGreaterThanOrEqualTo(10_000);
    }

    static String mutate(String s, Mutation m, Random rnd, String other) {
        String[] f = s.split("\\*", -1);
        switch (m) {
            case BIT_FLIP: {
                int i = rnd.nextInt(s.length());
                char c = (char) (s.charAt(i) ^ (1 << rnd.nextInt(7)));
                return s.substring(0, i) + c + s.substring(i + 1);
            }
            case CHAR_REPLACE: {
                int i = rnd.nextInt(s.length());
                return s.substring(0, i) + ALPHABET.charAt(rnd.nextInt(ALPHABET.length())) + s.substring(i + 1);
            }
            case TRUNCATE:
                return s.substring(0, rnd.nextInt(s.length()));
            case DELETE_CHAR: {
                int i = rnd.nextInt(s.length());
                return s.substring(0, i) + s.substring(i + 1);
            }
            case FIELD_SWAP: {
                int a = rnd.nextInt(f.length);
                int b = rnd.nextInt(f.length);
                String t = f[a];
                f[a] = f[b];
                f[b] = t;
                return String.join("*", f);
            }
            case FIELD_DROP: {
                List<String> l = new ArrayList<>(List.of(f));
                l.remove(rnd.nextInt(l.size()));
                return String.join("*", l);
            }
            case FIELD_DUPLICATE: {
                List<String> l = new ArrayList<>(List.of(f));
                int i = rnd.nextInt(l.size());
                l.add(i, l.get(i));
                return String.join("*", l);
            }
            case INSERT_STAR:
                return insert(s, "*", rnd);
            case INSERT_TILDE:
                return insert(s, rnd.nextBoolean() ? "~" : "~2", rnd);
            case INSERT_RANDOM:
                return insert(s, String.valueOf(ALPHABET.charAt(rnd.nextInt(ALPHABET.length()))), rnd);
            case FIELD_FROM_OTHER_SEAL: {
                String[] o = other.split("\\*", -1);
                int i = rnd.nextInt(Math.min(f.length, o.length));
                f[i] = o[i];
                return String.join("*", f);
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static String insert(String s, String what, Random rnd) {
        int i = rnd.nextInt(s.length() + 1);
        return s.substring(0, i) + what + s.substring(i);
    }
}
