package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.internal.Http;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HostedPageTest {
    static final String REDIRECT = "http://localhost:7000/callback";

    @RegisterExtension
    static FakeWorkOSExtension extension = new FakeWorkOSExtension(FakeWorkOS.builder().redirectUri(REDIRECT).withDemoData());

    static String authorize(FakeWorkOS fake, String extra) {
        return fake.baseUrl() + "/user_management/authorize?client_id=" + fake.clientId() + "&redirect_uri="
                + Http.encode(REDIRECT) + "&response_type=code&provider=authkit&state=s%2Bt%20a%7Ete" + extra;
    }

    @Test
    void listsTheSeededUsersAndEscapesThem(FakeWorkOS fake) {
        fake.addUser(FakeUser.builder("x@example.com").name("<script>alert(1)</script>", null));
        HttpResponse<String> page = Browser.get(authorize(fake, ""));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("alice@example.com", "bob@example.com", "carol@example.com", "Sign in")
                .contains("&lt;script&gt;").doesNotContain("<script>alert");
    }

    @Test
    void stateComesBackVerbatim(FakeWorkOS fake) {
        Map<String, String> back = Browser.signInAs(authorize(fake, ""), fake.user(DemoData.BOB).orElseThrow(), fake.baseUrl());
        assertThat(back.get("state")).isEqualTo("s+t a~te");
        assertThat(back.get("code")).startsWith("code_");
    }

    @Test
    void honoursScreenHintLoginHintOrganizationAndPrompt(FakeWorkOS fake) {
        String signUp = Browser.get(authorize(fake, "&screen_hint=sign-up&login_hint=bob%40example.com&prompt=consent")).body();
        assertThat(signUp).contains("Create an account", "value=\"bob@example.com\"", "id=\"consent\"");
        assertThat(signUp.indexOf("bob@example.com")).isLessThan(signUp.indexOf("alice@example.com"));
        assertThat(signUp).contains("class=\"user hinted\" id=\"sign-in-user_bob\"");

        String globex = Browser.get(authorize(fake, "&organization_id=" + DemoData.GLOBEX)).body();
        assertThat(globex).contains("Globex", "alice@example.com").doesNotContain("bob@example.com");
    }

    @Test
    void signingInWithAnOrganizationPutsTheSessionInIt(FakeWorkOS fake) {
        Map<String, String> back = Browser.signInAs(authorize(fake, "&organization_id=" + DemoData.GLOBEX),
                fake.user(DemoData.ALICE).orElseThrow(), fake.baseUrl());
        assertThat(back).containsKey("code");
    }

    @Test
    void unknownClientOrUnregisteredRedirectIsAnErrorPageNeverARedirect(FakeWorkOS fake) {
        HttpResponse<String> badClient = Browser.get(authorize(fake, "").replace("client_id=" + fake.clientId(), "client_id=client_x"));
        assertThat(badClient.statusCode()).isEqualTo(400);
        assertThat(badClient.headers().firstValue("Location")).isEmpty();
        assertThat(badClient.body()).contains("Unknown client_id");

        HttpResponse<String> badRedirect = Browser.get(authorize(fake, "").replace(Http.encode(REDIRECT), Http.encode("https://evil.example/cb")));
        assertThat(badRedirect.statusCode()).isEqualTo(400);
        assertThat(badRedirect.headers().firstValue("Location")).isEmpty();
        assertThat(badRedirect.body()).contains("redirect_uri is not registered");

        HttpResponse<String> plain = Browser.get(authorize(fake, "&code_challenge=abc&code_challenge_method=plain"));
        assertThat(plain.statusCode()).isEqualTo(400);
    }

    @Test
    void aSignInLinkWorksOnce(FakeWorkOS fake) {
        String page = Browser.get(authorize(fake, "")).body();
        String link = page.replaceAll("(?s).*id=\"sign-in-user_carol\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(Browser.get(fake.baseUrl() + link).statusCode()).isEqualTo(302);
        assertThat(Browser.get(fake.baseUrl() + link).statusCode()).isEqualTo(400);
    }

    @Test
    void autoSignInSkipsThePage(FakeWorkOS fake) {
        fake.autoSignIn(fake.user(DemoData.CAROL).orElseThrow());
        HttpResponse<String> r = Browser.get(authorize(fake, ""));
        assertThat(r.statusCode()).isEqualTo(302);
        URI location = URI.create(Browser.location(r));
        assertThat(location.getPath()).isEqualTo("/callback");
        assertThat(Http.parseQuery(location.getRawQuery())).containsKeys("code", "state");
    }

    @Test
    void theSignUpFormCreatesAUser(FakeWorkOS fake) {
        String page = Browser.get(authorize(fake, "&screen_hint=sign-up")).body();
        String flow = page.replaceAll("(?s).*name=\"flow\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> r = Browser.get(fake.baseUrl() + "/user_management/authorize/signup?flow=" + Http.encode(flow)
                + "&email=new%40example.com&first_name=New&last_name=Person");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(fake.userByEmail("new@example.com")).hasValueSatisfying(u -> assertThat(u.displayName()).isEqualTo("New Person"));
    }

    @Test
    void demoDataIsBackAfterReset(FakeWorkOS fake) {
        // the extension reset the fake before this test; the builder's demo seed ran again
        assertThat(fake.users()).extracting(FakeUser::id).containsExactly(DemoData.ALICE, DemoData.BOB, DemoData.CAROL);
        assertThat(fake.memberships(fake.user(DemoData.ALICE).orElseThrow())).hasSize(3);
    }
}
