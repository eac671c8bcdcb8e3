package dev.authkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The API reference written into client.js resolves against the module's own URL, context path included. */
class BrowserClientPathsTest {

    @Test
    void apiBesideTheScript() {
        assertThat(BrowserClient.relative("/auth/client.js", "/auth/api")).isEqualTo("./api");
    }

    @Test
    void apiElsewhere() {
        assertThat(BrowserClient.relative("/x/client.js", "/api")).isEqualTo("../api");
        assertThat(BrowserClient.relative("/a/b/client.js", "/a/c/api")).isEqualTo("../c/api");
        assertThat(BrowserClient.relative("/client.js", "/auth/api")).isEqualTo("./auth/api");
    }

    @Test
    void servedModuleCarriesTheRelativeReference() {
        BrowserClient client = new BrowserClient(Routes.defaults());
        assertThat(client.script()).contains("const API_REF = \"./api\";").doesNotContain("__AUTHKIT_API__");
    }
}
