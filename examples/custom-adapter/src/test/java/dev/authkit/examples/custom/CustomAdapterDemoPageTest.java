package dev.authkit.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The custom-adapter demo's page: sign-in for visitors, a sign-out form for users, an inline icon for both. */
class CustomAdapterDemoPageTest {

    @Test
    void signedInPageSignsOutWithASameOriginPostForm() {
        String page = CustomAdapterDemo.page(Optional.of("Alice <Anders>"));
        assertThat(page).contains("Hello, Alice &lt;Anders&gt;.")
                .contains("<form method=\"post\" action=\"/auth/sign-out?returnTo=%2F\"><button id=\"sign-out\">")
                .doesNotContain("id=\"sign-in\"");
    }

    @Test
    void signedOutPageLinksToSignInAndNeedsNoFaviconRequest() {
        String page = CustomAdapterDemo.page(Optional.empty());
        assertThat(page).contains("id=\"sign-in\" href=\"/auth/sign-in?returnTo=/me\"").doesNotContain("sign-out\"")
                .contains("<link rel=\"icon\" href=\"data:image/svg+xml,");
    }
}
