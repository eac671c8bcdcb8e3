package dev.authkit.core.internal.session;

import dev.authkit.core.internal.session.SessionCodec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.Session;
import dev.authkit.core.User;
import org.junit.jupiter.api.Test;

class SessionCodecTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A cookie as a newer Node SDK might write it: the name plus fields the core does not model. */
    static final String COOKIE_JSON = """
            {"accessToken":"at","refreshToken":"rt","user":{"object":"user","id":"user_1","email":"a@example.com",
            "emailVerified":true,"name":"Ada Lovelace","firstName":"Ada","profilePictureUrl":null,"lastName":"Lovelace",
            "lastSignInAt":"2026-01-01T00:00:00.000Z","locale":"en-GB","createdAt":"2024-01-01T00:00:00.000Z",
            "updatedAt":"2024-01-01T00:00:00.000Z","externalId":null,"metadata":{"team":"platform"},
            "pronouns":"she/her","directoryManaged":false,"roles":[{"slug":"admin"}],"nickname":null},
            "authenticationMethod":"Password"}""";

    @Test
    void everyUserFieldRoundTrips() throws Exception {
        Session session = SessionCodec.fromJson(COOKIE_JSON).orElseThrow();
        User user = session.user();
        assertThat(user.name()).contains("Ada Lovelace");
        assertThat(user.displayName()).isEqualTo("Ada Lovelace");
        assertThat(user.otherFields()).containsOnlyKeys("pronouns", "directoryManaged", "roles", "nickname");

        JsonNode written = JSON.readTree(SessionCodec.toJson(session));
        assertThat(written).isEqualTo(JSON.readTree(COOKIE_JSON));
    }

    @Test
    void theNameIsWrittenAsNullWhenUnknownAsTheNodeSdkDoes() throws Exception {
        String withoutName = COOKIE_JSON.replace("\"name\":\"Ada Lovelace\",", "");
        JsonNode written = JSON.readTree(SessionCodec.toJson(SessionCodec.fromJson(withoutName).orElseThrow()));
        assertThat(written.get("user").has("name")).isTrue();
        assertThat(written.get("user").get("name").isNull()).isTrue();
        assertThat(SessionCodec.fromJson(withoutName).orElseThrow().user().displayName()).isEqualTo("Ada Lovelace");
    }
}
