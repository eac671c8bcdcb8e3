package dev.authkit.core.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The chunked form's pieces: cutting and joining, and the compact encoding's exact round trip. */
class SessionChunksTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitIntoEvenPartsAndJoinedBack() {
        String sealed = "x".repeat(7000);
        List<String> parts = SessionChunks.split(sealed, 4000).orElseThrow();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).startsWith("2.");
        assertThat(parts).allMatch(p -> p.length() <= 4000);
        TreeMap<Integer, String> chunks = new TreeMap<>();
        chunks.put(0, parts.get(0));
        chunks.put(1, parts.get(1));
        chunks.put(2, "stale");
        SessionChunks.Joined joined = SessionChunks.join(chunks).orElseThrow();
        assertThat(joined.sealed()).isEqualTo(sealed);
        assertThat(joined.count()).isEqualTo(2);
    }

    @Test
    void tooManyChunksMissingOnesAndNoCountAreNothing() {
        assertThat(SessionChunks.split("x".repeat(20_000), 4000)).isEmpty();
        TreeMap<Integer, String> missing = new TreeMap<>();
        missing.put(0, "3.abc");
        missing.put(1, "def");
        assertThat(SessionChunks.join(missing)).isEmpty();
        TreeMap<Integer, String> noCount = new TreeMap<>();
        noCount.put(0, "Fe26.2*abc");
        assertThat(SessionChunks.join(noCount)).isEmpty();
        TreeMap<Integer, String> overCap = new TreeMap<>();
        for (int i = 0; i < 9; i++) {
            overCap.put(i, i == 0 ? "9.a" : "a");
        }
        assertThat(SessionChunks.join(overCap)).isEmpty();
        assertThat(SessionChunks.join(new TreeMap<>())).isEmpty();
    }

    @Test
    void theCompactEncodingRebuildsTheTokenByteForByte() throws Exception {
        String token = b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "." + b64("{\"sub\":\"user_1\",\"permissions\":[\"a:read\",\"é:write\"]}")
                + ".c2lnbmF0dXJl";
        String json = "{\"accessToken\":\"" + token + "\",\"refreshToken\":\"rt\",\"user\":{\"id\":\"user_1\",\"email\":\"a@b.c\"}}";
        var compact = CompactCodec.encode(json);
        assertThat(compact.toString()).doesNotContain(token).doesNotContain("permissions");
        String back = CompactCodec.decode(compact).orElseThrow();
        assertThat(JSON.readTree(back)).isEqualTo(JSON.readTree(json));
    }

    @Test
    void aTokenThatDoesNotRoundTripIsKeptWhole() throws Exception {
        String padded = b64("{\"alg\":\"RS256\"}") + "==." + b64("{}") + ".sig"; // padding: not canonical
        String json = "{\"accessToken\":\"" + padded + "\",\"refreshToken\":\"rt\"}";
        assertThat(JSON.readTree(CompactCodec.decode(CompactCodec.encode(json)).orElseThrow()).get("accessToken").asText())
                .isEqualTo(padded);
    }

    @Test
    void junkAndBombsDecodeToNothing() {
        assertThat(CompactCodec.decode(JSON.createObjectNode().put("z", "!!"))).isEmpty();
        assertThat(CompactCodec.decode(JSON.createObjectNode().put("z", b64("not deflate")))).isEmpty();
        assertThat(CompactCodec.decode(JSON.createObjectNode().put("y", "x"))).isEmpty();
        java.util.zip.Deflater d = new java.util.zip.Deflater(9, true);
        d.setInput(new byte[CompactCodec.MAX_INFLATED_BYTES + 1]);
        d.finish();
        byte[] buf = new byte[1 << 16];
        int n = d.deflate(buf);
        d.end();
        String bomb = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(buf, n));
        assertThat(CompactCodec.decode(JSON.createObjectNode().put("z", bomb))).isEqualTo(Optional.empty());
    }
}
