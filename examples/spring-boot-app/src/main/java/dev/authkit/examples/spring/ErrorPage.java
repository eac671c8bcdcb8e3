package dev.authkit.examples.spring;

import dev.authkit.core.Auth;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page. It runs on the container's error dispatch, where authkit's filter only exposes
 * the user it already knew: a signed-in user sees their name, nobody is sent to sign in.
 */
@RestController
class ErrorPage implements ErrorController {
    @RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> error(Auth auth, HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String who = auth.user().map(u -> "Sorry, " + u.displayName() + ": ").orElse("Sorry: ");
        return ResponseEntity.status(HttpStatus.valueOf(status)).contentType(MediaType.TEXT_HTML)
                .body(Html.page(request, "Something went wrong", "<p id=\"error\">" + Html.e(who) + "this page failed ("
                        + status + ").</p>"));
    }
}
