package dev.authkit.core.internal.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compact encoding of a session, used where no Next.js app has to read it (the chunked cookie
 * form and the session store): {@code {"z": base64url(deflate(inner))}}, where {@code inner} is the
 * session JSON of {@link SessionCodec} with its {@code accessToken} replaced by
 * {@code accessTokenParts: [header JSON, payload JSON, signature]} (the token's first two segments
 * decoded, so that deflate sees the repeated permission, entitlement and feature-flag names as
 * text rather than base64). The token is rebuilt byte for byte; a token whose segments do not
 * round-trip (not canonical base64url, not UTF-8) is kept whole.
 *
 * <p>A token with 400 permissions, 60 feature flags and 40 entitlements shrinks about five times.
 * Inflating stops at {@link #MAX_INFLATED_BYTES}, so a crafted payload cannot exhaust memory.
 */
public final class CompactCodec {
    /** The most a compact session may inflate to: far above any real session. */
    public static final int MAX_INFLATED_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private CompactCodec() {
    }

    /** The compact form of {@code sessionJson} (a JSON object): {@code {"z": ...}}, to which callers may add fields. */
    public static ObjectNode encode(String sessionJson) {
        ObjectNode root;
        try {
            root = (ObjectNode) JSON.readTree(sessionJson);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("session JSON expected");
        }
        JsonNode token = root.get("accessToken");
        if (token != null && token.isTextual()) {
            split(token.asText()).ifPresent(parts -> {
                ObjectNode copy = JSON.createObjectNode();
                root.properties().forEach(e -> {
                    if (e.getKey().equals("accessToken")) {
                        copy.set("accessTokenParts", parts);
                    } else {
                        copy.set(e.getKey(), e.getValue());
                    }
                });
                root.removeAll();
                root.setAll(copy);
            });
        }
        byte[] inner = root.toString().getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(inner);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(inner.length / 3 + 64);
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return JSON.createObjectNode().put("z", B64.encodeToString(out.toByteArray()));
        } finally {
            deflater.end();
        }
    }

    /** Whether {@code node} is a compact session ({@code z} present). */
    public static boolean isCompact(JsonNode node) {
        return node != null && node.isObject() && node.path("z").isTextual();
    }

    /** The session JSON of a compact session; empty when it does not decode or inflates too far. */
    public static Optional<String> decode(JsonNode node) {
        if (!isCompact(node)) {
            return Optional.empty();
        }
        byte[] deflated;
        try {
            deflated = B64D.decode(node.get("z").asText());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<byte[]> inner = inflate(deflated);
        if (inner.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(inner.get());
            if (root == null || !root.isObject()) {
                return Optional.empty();
            }
            ObjectNode obj = (ObjectNode) root;
            JsonNode parts = obj.get("accessTokenParts");
            if (parts != null) {
                if (!parts.isArray() || parts.size() != 3 || !parts.get(0).isTextual() || !parts.get(1).isTextual()
                        || !parts.get(2).isTextual()) {
                    return Optional.empty();
                }
                String token = B64.encodeToString(parts.get(0).asText().getBytes(StandardCharsets.UTF_8)) + "."
                        + B64.encodeToString(parts.get(1).asText().getBytes(StandardCharsets.UTF_8)) + "."
                        + parts.get(2).asText();
                ObjectNode copy = JSON.createObjectNode();
                obj.properties().forEach(e -> {
                    if (e.getKey().equals("accessTokenParts")) {
                        copy.put("accessToken", token);
                    } else {
                        copy.set(e.getKey(), e.getValue());
                    }
                });
                obj = copy;
            }
            return Optional.of(obj.toString());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The decoded header and payload of a JWT and its signature, when both segments round-trip exactly. */
    private static Optional<ArrayNode> split(String jwt) {
        String[] seg = jwt.split("\\.", -1);
        if (seg.length != 3) {
            return Optional.empty();
        }
        ArrayNode parts = JSON.createArrayNode();
        for (int i = 0; i < 2; i++) {
            Optional<String> text = utf8(seg[i]);
            if (text.isEmpty() || !B64.encodeToString(text.get().getBytes(StandardCharsets.UTF_8)).equals(seg[i])) {
                return Optional.empty();
            }
            parts.add(text.get());
        }
        parts.add(seg[2]);
        return Optional.of(parts);
    }

    private static Optional<String> utf8(String b64) {
        try {
            byte[] bytes = B64D.decode(b64);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> inflate(byte[] deflated) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return Optional.empty();
                }
                if (out.size() + n > MAX_INFLATED_BYTES) {
                    return Optional.empty();
                }
                out.write(buf, 0, n);
            }
            return Optional.of(out.toByteArray());
        } catch (DataFormatException e) {
            return Optional.empty();
        } finally {
            inflater.end();
        }
    }
}
