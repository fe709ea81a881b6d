package io.pulseloop.localstack.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** A loopback JDK {@link HttpServer} and the answers the stand-ins give with it. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger LOG = LoggerFactory.getLogger(Http.class);

    static {
        // The JDK server writes a response's headers and body in separate packets; without TCP_NODELAY, Nagle's
        // algorithm holds the body until the client's delayed ACK (about 40 ms on Linux), so every request on a
        // kept-alive connection took ~20-40 ms: 55 captured messages/s read by the benchmark, and as slow a CRM
        // stand-in for crm-sync's write-backs. Read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private Http(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code localhost:port} and sends every request to {@code handler}; errors answer 500 and are logged. */
    public static Http start(int port, String name, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, name + "-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (RuntimeException | IOException e) {
                LOG.warn("{} failed to answer {} {}", name, exchange.getRequestMethod(), exchange.getRequestURI(), e);
                try {
                    send(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e.getMessage());
                } catch (IOException | RuntimeException ignored) {
                    // the answer had already begun
                }
            }
        });
        server.start();
        return new Http(server, executor);
    }

    /** The port listened on (the one asked for, or the one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    public static void html(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().add("Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-src 'self'; img-src 'self' data:");
        send(exchange, status, "text/html; charset=utf-8", body);
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
        }
    }

    /** The decoded query parameters (the first value of each). */
    public static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The shared look of the stand-ins' pages. */
    public static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>
                body{font-family:system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
                header{background:#243b55;color:#fff;padding:.8rem 1.5rem}header a{color:#cfe3ff}
                main{padding:1rem 1.5rem}table{border-collapse:collapse;width:100%%;background:#fff}
                th,td{border-bottom:1px solid #dde3ea;padding:.45rem .6rem;text-align:left;vertical-align:top}
                th{background:#eef2f7}tr.unread a{font-weight:700}a{color:#1f5fbf}
                .muted{color:#67727e;font-size:.9em}.props{margin:0;padding:0;list-style:none}
                iframe{width:100%%;height:60vh;border:1px solid #dde3ea;background:#fff}
                pre{white-space:pre-wrap;background:#fff;border:1px solid #dde3ea;padding:.8rem}
                code{background:#eef2f7;padding:0 .2rem}
                </style></head><body><header><strong>%s</strong></header><main>%s</main></body></html>
                """.formatted(escape(title), escape(title), body);
    }
}
