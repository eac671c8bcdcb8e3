package dev.authkit.core.internal.crypto;

import dev.authkit.core.internal.crypto.IronSealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.CookieSealer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class IronSealerTest {
    // the worked example of shared/reference/iron-format-and-workos-wire.md, section 2.3
    static final String PASSWORD = "this-is-at-least-thirty-two-chars!";
    static final String OTHER_PASSWORD = "a-second-password-also-32-characters-long";
    static final String ENC_SALT = "0".repeat(63) + "1";
    static final String HMAC_SALT = "0".repeat(63) + "2";
    static final byte[] IV = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    static final String EXAMPLE = "Fe26.2*1*" + ENC_SALT + "*AAECAwQFBgcICQoLDA0ODw*8Vbc8ENBQ2OHLOHGVbPv2b-LO--sQrmanJuky2QgwxY**"
            + HMAC_SALT + "*ljimTewk3B1dpbu1SWbf7ktewbeuE-FGxZ4GdViZPzs~2";

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    static IronSealer sealerAt(Instant now, Map<String, String> passwords) {
        return new IronSealer(passwords, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void derivesTheKeysOfTheWorkedExample() throws Exception {
        byte[] pw = PASSWORD.getBytes(StandardCharsets.UTF_8);
        assertThat(HexFormat.of().formatHex(IronSealer.deriveKey(pw, ENC_SALT)))
                .isEqualTo("c701d63c053d70958569f5f8e35c524226232089868ba4d8d6765fadfaef339f");
        assertThat(HexFormat.of().formatHex(IronSealer.deriveKey(pw, HMAC_SALT)))
                .isEqualTo("4c96fefc12f34ea11146c7d86d3168d0d158781205272233c0b8586bac63e1d6");
    }

    @Test
    void derivedKeyEqualsTheJdkPbkdf2() throws Exception {
        byte[] ours = IronSealer.deriveKey(PASSWORD.getBytes(StandardCharsets.UTF_8), "ab12".repeat(16));
        byte[] jdk = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(PASSWORD.toCharArray(),
                        "ab12".repeat(16).getBytes(StandardCharsets.UTF_8), 1, 256))
                .getEncoded();
        assertThat(ours).isEqualTo(jdk);
    }

    @Test
    void reproducesTheWorkedExampleByteForByte() {
        IronSealer sealer = sealerAt(NOW, Map.of("1", PASSWORD));
        assertThat(sealer.sealWith("{\"user\":\"alice\"}", 0, ENC_SALT, IV, HMAC_SALT)).isEqualTo(EXAMPLE);
        assertThat(sealer.unseal(EXAMPLE)).contains("{\"user\":\"alice\"}");
    }

    @Test
    void reproducesTheWorkedExampleWithAnExpiration() {
        IronSealer sealer = sealerAt(NOW, Map.of("1", PASSWORD));
        String sealed = sealer.sealWith("{\"user\":\"alice\"}", 4102444800000L, ENC_SALT, IV, HMAC_SALT);
        assertThat(sealed).contains("*4102444800000*").endsWith("*YUbHX0XYANRmYAR4P-RMDRaVfERH4GkW3LImP1_Htc8~2");
        assertThat(sealer.unseal(sealed)).contains("{\"user\":\"alice\"}");
    }

    @Test
    void sealAppendsTheVersionSuffixAndUnsealAcceptsEitherForm() {
        CookieSealer sealer = CookieSealer.iron(PASSWORD);
        String sealed = sealer.seal("{\"a\":[1,2,{\"b\":null}]}", Duration.ZERO);
        assertThat(sealed).startsWith("Fe26.2*1*").endsWith("~2").contains("**");
        assertThat(sealer.unseal(sealed)).contains("{\"a\":[1,2,{\"b\":null}]}");
        assertThat(sealer.unseal(sealed.substring(0, sealed.length() - 2))).contains("{\"a\":[1,2,{\"b\":null}]}");
        assertThat(sealer.unseal(sealed.substring(0, sealed.length() - 1) + "3")).isEmpty();
        assertThat(sealer.unseal(sealed + "~2")).isEmpty();
    }

    @Test
    void sealsAreRandomizedAndRoundTripUnicode() {
        CookieSealer sealer = CookieSealer.iron(PASSWORD);
        String json = "{\"name\":\"Zoë 🙂 日本\"}";
        String a = sealer.seal(json, Duration.ZERO);
        String b = sealer.seal(json, Duration.ZERO);
        assertThat(a).isNotEqualTo(b);
        assertThat(sealer.unseal(a)).contains(json);
        assertThat(sealer.unseal(b)).contains(json);
    }

    @Test
    void rotationSealsWithTheHighestIdAndUnsealsAnyKnownId() {
        CookieSealer old = CookieSealer.iron(Map.of("1", PASSWORD));
        CookieSealer rotated = CookieSealer.iron(Map.of("1", PASSWORD, "2", OTHER_PASSWORD));
        CookieSealer onlyNew = CookieSealer.iron(Map.of("2", OTHER_PASSWORD));
        CookieSealer tenth = CookieSealer.iron(Map.of("9", PASSWORD, "10", OTHER_PASSWORD));

        String byOld = old.seal("1", Duration.ZERO);
        String byRotated = rotated.seal("2", Duration.ZERO);
        assertThat(byRotated).startsWith("Fe26.2*2*");
        assertThat(tenth.seal("3", Duration.ZERO)).startsWith("Fe26.2*10*");

        assertThat(rotated.unseal(byOld)).contains("1");
        assertThat(rotated.unseal(byRotated)).contains("2");
        assertThat(onlyNew.unseal(byRotated)).contains("2");
        assertThat(onlyNew.unseal(byOld)).isEmpty();
        assertThat(old.unseal(byRotated)).isEmpty();
    }

    @Test
    void aSealUnderAnIdIsNotOpenedByTheSamePasswordUnderAnotherId() {
        String sealed = CookieSealer.iron(Map.of("1", PASSWORD)).seal("true", Duration.ZERO);
        assertThat(CookieSealer.iron(Map.of("2", PASSWORD)).unseal(sealed)).isEmpty();
        String relabelled = sealed.replaceFirst("^Fe26\\.2\\*1\\*", "Fe26.2*2*");
        assertThat(CookieSealer.iron(Map.of("1", PASSWORD, "2", PASSWORD)).unseal(relabelled)).isEmpty();
    }

    @Test
    void ttlWritesTheExpirationInMillisecondsAndExpiresWithSixtySecondsOfSkew() {
        IronSealer sealer = sealerAt(NOW, Map.of("1", PASSWORD));
        String sealed = sealer.seal("{}", Duration.ofSeconds(600));
        long expiration = NOW.toEpochMilli() + 600_000;
        assertThat(sealed.split("\\*")[5]).isEqualTo(Long.toString(expiration));

        Instant exp = Instant.ofEpochMilli(expiration);
        assertThat(sealerAt(exp.minusSeconds(1), Map.of("1", PASSWORD)).unseal(sealed)).contains("{}");
        assertThat(sealerAt(exp.plusSeconds(59), Map.of("1", PASSWORD)).unseal(sealed)).contains("{}");
        assertThat(sealerAt(exp.plusSeconds(60), Map.of("1", PASSWORD)).unseal(sealed)).isEmpty();
        assertThat(sealerAt(exp.plusSeconds(3600), Map.of("1", PASSWORD)).unseal(sealed)).isEmpty();
    }

    @Test
    void zeroTtlNeverExpires() {
        String sealed = sealerAt(NOW, Map.of("1", PASSWORD)).seal("{}", Duration.ZERO);
        assertThat(sealerAt(NOW.plus(Duration.ofDays(36_500)), Map.of("1", PASSWORD)).unseal(sealed)).contains("{}");
    }

    @Test
    void refusesShortPasswordsAndBadIds() {
        assertThatThrownBy(() -> CookieSealer.iron("too-short")).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("32 characters").hasMessageNotContaining("too-short");
        assertThatThrownBy(() -> CookieSealer.iron(Map.of())).isInstanceOf(AuthKitConfigException.class);
        assertThatThrownBy(() -> CookieSealer.iron(Map.of("one", PASSWORD))).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("'one'");
        assertThatThrownBy(() -> CookieSealer.iron(Map.of("01", PASSWORD))).isInstanceOf(AuthKitConfigException.class);
        assertThatThrownBy(() -> CookieSealer.iron(Map.of("1", PASSWORD, "2", "short")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("id 2");
    }

    @Test
    void sealsOnlyJsonWithANonNegativeTtl() {
        CookieSealer sealer = CookieSealer.iron(PASSWORD);
        assertThatThrownBy(() -> sealer.seal("not json", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal("{} {}", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal("{}", Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(sealer.unseal(sealer.seal("\"just a string\"", Duration.ZERO))).contains("\"just a string\"");
    }

    @Test
    void everyKindOfBadInputIsEmpty() {
        IronSealer sealer = sealerAt(NOW, Map.of("1", PASSWORD));
        String good = sealer.unseal(EXAMPLE).orElseThrow();
        assertThat(good).isEqualTo("{\"user\":\"alice\"}");
        String[] f = EXAMPLE.substring(0, EXAMPLE.length() - 2).split("\\*", -1);

        assertThat(sealer.unseal(null)).isEmpty();
        assertThat(sealer.unseal("")).isEmpty();
        assertThat(sealer.unseal("~2")).isEmpty();
        assertThat(sealer.unseal("garbage")).isEmpty();
        assertThat(sealer.unseal("*".repeat(7))).isEmpty();
        assertThat(sealer.unseal("x".repeat(1 << 20))).isEmpty();
        assertThat(sealer.unseal("*".repeat(1 << 20))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replace("*", "*".repeat(2)))).isEmpty();
        // wrong field count, prefix, unknown id, empty id
        assertThat(sealer.unseal(String.join("*", java.util.Arrays.copyOf(f, 7)))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replace("~2", "*extra~2"))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replaceFirst("Fe26\\.2", "Fe26.1"))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replaceFirst("\\*1\\*", "*7*"))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replaceFirst("\\*1\\*", "**"))).isEmpty();
        // expiration that is not a number, or past
        assertThat(sealer.unseal(EXAMPLE.replace("**", "*abc*"))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replace("**", "*-5*"))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replace("**", "*99999999999999999999999*"))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replace("**", "*1*"))).isEmpty();
        // bad base64 in IV / ciphertext (the MAC is recomputed so only decoding can catch it)
        assertThat(sealer.unseal(remac(sealer, f, 3, "!!!!"))).isEmpty();
        assertThat(sealer.unseal(remac(sealer, f, 4, "a+b/"))).isEmpty();
        assertThat(sealer.unseal(remac(sealer, f, 3, "AAEC"))).isEmpty();
        assertThat(sealer.unseal(remac(sealer, f, 4, f[4].substring(0, 20)))).isEmpty();
        // the MAC of another seal, a truncated MAC, a padded MAC
        assertThat(sealer.unseal(EXAMPLE.replace("ljimTewk3B1dpbu1SWbf7ktewbeuE-FGxZ4GdViZPzs", "YUbHX0XYANRmYAR4P-RMDRaVfERH4GkW3LImP1_Htc8"))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replace("ljimTewk3B1dpbu1SWbf7ktewbeuE-FGxZ4GdViZPzs", "ljimTewk3B1dpbu1SWbf7ktewbeuE-FGxZ4GdViZPz"))).isEmpty();
        assertThat(sealer.unseal(EXAMPLE.replace("ljimTewk3B1dpbu1SWbf7ktewbeuE-FGxZ4GdViZPzs", "ljimTewk3B1dpbu1SWbf7ktewbeuE-FGxZ4GdViZPzs="))).isEmpty();
        // a wrong password
        assertThat(CookieSealer.iron(OTHER_PASSWORD).unseal(EXAMPLE)).isEmpty();
    }

    @Test
    void sealedTextThatIsNotJsonOrNotUtf8IsEmpty() throws Exception {
        IronSealer sealer = sealerAt(NOW, Map.of("1", PASSWORD));
        assertThat(sealer.unseal(sealer.sealWith("not json", 0, ENC_SALT, IV, HMAC_SALT))).isEmpty();
        assertThat(sealer.unseal(sealer.sealWith("{\"a\":1} trailing", 0, ENC_SALT, IV, HMAC_SALT))).isEmpty();
        assertThat(sealer.unseal(sealer.sealWith("", 0, ENC_SALT, IV, HMAC_SALT))).isEmpty();
        assertThat(sealer.unseal(sealRawBytes(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}))).isEmpty();
        assertThat(sealer.unseal(sealRawBytes("\"ok\"".getBytes(StandardCharsets.UTF_8)))).contains("\"ok\"");
    }

    /** Rebuilds the example with field {@code index} replaced and a MAC that is valid for it. */
    private static String remac(IronSealer sealer, String[] fields, int index, String value) {
        String[] f = fields.clone();
        f[index] = value;
        try {
            String base = String.join("*", java.util.Arrays.copyOf(f, 6));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(IronSealer.deriveKey(PASSWORD.getBytes(StandardCharsets.UTF_8), HMAC_SALT), "HmacSHA256"));
            String hmac = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.US_ASCII)));
            return base + "*" + HMAC_SALT + "*" + hmac + "~2";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A correctly encrypted and MACed seal around arbitrary bytes (which a String cannot carry). */
    private static String sealRawBytes(byte[] plaintext) throws Exception {
        byte[] pw = PASSWORD.getBytes(StandardCharsets.UTF_8);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(IronSealer.deriveKey(pw, ENC_SALT), "AES"), new IvParameterSpec(IV));
        String[] f = EXAMPLE.substring(0, EXAMPLE.length() - 2).split("\\*", -1);
        f[4] = Base64.getUrlEncoder().withoutPadding().encodeToString(cipher.doFinal(plaintext));
        return remac(null, f, 4, f[4]);
    }

    @Test
    void optionalIsNeverNull() {
        Optional<String> r = CookieSealer.iron(PASSWORD).unseal("Fe26.2*1*a*b*c**d*e");
        assertThat(r).isNotNull().isEmpty();
    }
}
