package dev.authkit.servlet;

import dev.authkit.testkit.conformance.ConformanceEcho;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The application of the conformance suite: answers every request with what it saw. */
class EchoServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // the conformance suite's guarded endpoints: the servlet adapter's guard before the application acts
        var rule = ConformanceEcho.guardOf(req.getRequestURI());
        if (rule.isPresent() && !ServletAuthKit.authorize(req, resp, rule.get())) {
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        String body = ConformanceEcho.render(req.getMethod(), req.getRequestURI(), ServletAuthKit.withAuth(req),
                Optional.ofNullable(req.getUserPrincipal()).map(p -> p.getName()), req.isUserInRole("admin"), headers);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        if (!req.getMethod().equals("HEAD")) {
            resp.getOutputStream().write(bytes);
        }
    }
}
