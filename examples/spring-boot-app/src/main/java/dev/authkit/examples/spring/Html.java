package dev.authkit.examples.spring;

import jakarta.servlet.http.HttpServletRequest;

/** The demo's page frame; every link is under the servlet context path, every value escaped. */
final class Html {
    private static final String STYLE = "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
            + "padding:0 1rem;color:#1f2328}nav a{margin-right:1rem}dt{font-weight:600;margin-top:.5rem}"
            + ".banner{background:#fff8c5;border:1px solid #d4a72c;padding:.6rem .8rem;border-radius:6px}"
            + "button{margin:.2rem .4rem .2rem 0}pre{background:#f6f8fa;padding:.8rem;overflow:auto}</style>";

    private Html() {
    }

    static String page(HttpServletRequest request, String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + e(title)
                + " – authkit-java Spring Boot demo</title>" + STYLE + "</head><body><nav><a href=\"" + link(request, "/")
                + "\">authkit-java Spring Boot demo</a></nav><h1>" + e(title) + "</h1>" + body + "</body></html>";
    }

    /** {@code path} under the application's context path, escaped for an attribute. */
    static String link(HttpServletRequest request, String path) {
        return e(request.getContextPath() + path);
    }

    static String e(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
