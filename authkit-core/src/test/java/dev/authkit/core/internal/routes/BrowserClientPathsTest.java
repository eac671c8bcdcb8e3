package dev.authkit.core.internal.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.Routes;
import org.junit.jupiter.api.Test;

/** The API reference written into client.js resolves against the module's own URL, context path included. */
class BrowserClientPathsTest {

    @Test
    void apiBesideTheScript() {
        assertThat(ClientScript.relative("/auth/client.js", "/auth/api")).isEqualTo("./api");
    }

    @Test
    void apiElsewhere() {
        assertThat(ClientScript.relative("/x/client.js", "/api")).isEqualTo("../api");
        assertThat(ClientScript.relative("/a/b/client.js", "/a/c/api")).isEqualTo("../c/api");
        assertThat(ClientScript.relative("/client.js", "/auth/api")).isEqualTo("./auth/api");
    }

    @Test
    void servedModuleCarriesTheRelativeReference() {
        ClientScript client = new ClientScript(Routes.defaults());
        assertThat(client.script()).contains("const API_REF = \"./api\";").doesNotContain("__AUTHKIT_API__");
    }
}
