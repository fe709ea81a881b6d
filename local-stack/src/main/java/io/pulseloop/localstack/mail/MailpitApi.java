package io.pulseloop.localstack.mail;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.mail.Address;
import tools.jackson.databind.JsonNode;

import io.pulseloop.localstack.http.Http;

/**
 * The subset of Mailpit's HTTP API (v1) that tests and scripts use, over the {@link MailStore}, plus a readable inbox
 * page at {@code /}:
 * <ul>
 * <li>{@code GET /api/v1/messages?start=&limit=} and {@code GET /api/v1/search?query=&start=&limit=} — summaries,
 * newest first: {@code { total, unread, count, messages_count, start, tags, messages: [...] }};</li>
 * <li>{@code GET /api/v1/message/{ID}} ({@code latest} allowed) — the message with {@code Text} and {@code HTML};
 * {@code /headers} and {@code /raw} beside it;</li>
 * <li>{@code DELETE /api/v1/messages} (all, or {@code {"IDs": [...]}}), {@code GET /api/v1/info}.</li>
 * </ul>
 * The HTML of a message is shown in a sandboxed frame: its scripts do not run and it cannot reach this page, while
 * its links open in a new tab.
 */
public final class MailpitApi implements HttpHandler {

    public static final int PORT = 8025;
    private static final Pattern MESSAGE = Pattern.compile("/api/v1/message/([^/]+)(/headers|/raw)?");
    private static final Pattern VIEW = Pattern.compile("/view/([^/]+)\\.html");
    /** A search term: {@code field:"quoted words"}, {@code "quoted words"} or a word. */
    private static final Pattern TERM = Pattern.compile("[^\\s\"]*\"[^\"]*\"|\\S+");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"')]+");
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    private final MailStore store;

    public MailpitApi(MailStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        Matcher message = MESSAGE.matcher(path);
        Matcher view = VIEW.matcher(path);
        if (read && (path.equals("/") || path.equals("/index.html"))) {
            inbox(exchange);
        } else if (read && path.equals("/api/v1/messages")) {
            messagesPage(exchange);
        } else if (method.equals("DELETE") && path.equals("/api/v1/messages")) {
            delete(exchange);
        } else if (read && path.equals("/api/v1/search")) {
            String query = Http.query(exchange).getOrDefault("query", "");
            summaries(exchange, store.newestFirst().stream().filter(m -> matches(m, query)).toList());
        } else if (read && path.equals("/api/v1/info")) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("Version", "pulseloop-local-stack");
            info.put("Messages", store.size());
            info.put("Unread", store.unread());
            Http.json(exchange, 200, info);
        } else if (read && message.matches()) {
            message(exchange, message.group(1), message.group(2));
        } else if (read && view.matches()) {
            view(exchange, view.group(1));
        } else if (path.startsWith("/api/")) {
            Http.json(exchange, 404, Map.of("Error", "not found: " + method + " " + path));
        } else {
            Http.send(exchange, 404, "text/plain; charset=utf-8", "not found");
        }
    }

    /** The plain listing pages without copying every message: a benchmark pages through tens of thousands. */
    private void messagesPage(HttpExchange exchange) throws IOException {
        Map<String, String> query = Http.query(exchange);
        int start = Math.max(0, parse(query.get("start"), 0));
        int limit = Math.max(1, parse(query.get("limit"), 50));
        int total = store.size();
        List<Map<String, Object>> page = store.newestFirst(start, limit).stream().map(this::summary).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("unread", store.unread());
        body.put("count", page.size());
        body.put("messages_count", total);
        body.put("start", start);
        body.put("tags", List.of());
        body.put("messages", page);
        Http.json(exchange, 200, body);
    }

    private void summaries(HttpExchange exchange, List<CapturedMessage> messages) throws IOException {
        Map<String, String> query = Http.query(exchange);
        int start = Math.max(0, parse(query.get("start"), 0));
        int limit = Math.max(1, parse(query.get("limit"), 50));
        List<Map<String, Object>> page = messages.stream().skip(start).limit(limit).map(this::summary).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", store.size());
        body.put("unread", store.unread());
        body.put("count", page.size());
        body.put("messages_count", messages.size());
        body.put("start", start);
        body.put("tags", List.of());
        body.put("messages", page);
        Http.json(exchange, 200, body);
    }

    Map<String, Object> summary(CapturedMessage message) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ID", message.id());
        summary.put("MessageID", message.messageId());
        summary.put("Read", store.isRead(message.id()));
        summary.put("From", address(message.from()));
        summary.put("To", addresses(message.to()));
        summary.put("Cc", addresses(message.cc()));
        summary.put("Bcc", List.of());
        summary.put("ReplyTo", addresses(message.replyTo()));
        summary.put("Subject", message.subject());
        summary.put("Created", CREATED.format(message.created()));
        summary.put("Tags", List.of());
        summary.put("Size", message.size());
        summary.put("Attachments", message.attachments());
        summary.put("Snippet", message.snippet());
        return summary;
    }

    private void message(HttpExchange exchange, String id, String part) throws IOException {
        Optional<CapturedMessage> found = store.find(id);
        if (found.isEmpty()) {
            Http.json(exchange, 404, Map.of("Error", "message not found: " + id));
            return;
        }
        CapturedMessage message = found.get();
        if ("/raw".equals(part)) {
            Http.send(exchange, 200, "text/plain; charset=utf-8", message.raw());
        } else if ("/headers".equals(part)) {
            Http.json(exchange, 200, message.headers());
        } else {
            store.markRead(message.id());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ID", message.id());
            body.put("MessageID", message.messageId());
            body.put("Read", true);
            body.put("From", address(message.from()));
            body.put("To", addresses(message.to()));
            body.put("Cc", addresses(message.cc()));
            body.put("Bcc", List.of());
            body.put("ReplyTo", addresses(message.replyTo()));
            body.put("ReturnPath", message.header("Return-Path").stream().findFirst().orElse(""));
            body.put("Subject", message.subject());
            body.put("ListUnsubscribe", listUnsubscribe(message));
            body.put("Date", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(message.date().atOffset(ZoneOffset.UTC)));
            body.put("Tags", List.of());
            body.put("Text", message.text());
            body.put("HTML", message.html());
            body.put("Size", message.size());
            body.put("Inline", List.of());
            body.put("Attachments", List.of());
            Http.json(exchange, 200, body);
        }
    }

    private static Map<String, Object> listUnsubscribe(CapturedMessage message) {
        String header = message.header("List-Unsubscribe").stream().findFirst().orElse("");
        List<String> links = new ArrayList<>();
        Matcher matcher = Pattern.compile("<([^>]+)>").matcher(header);
        while (matcher.find()) {
            links.add(matcher.group(1));
        }
        Map<String, Object> unsubscribe = new LinkedHashMap<>();
        unsubscribe.put("Header", header);
        unsubscribe.put("Links", links);
        unsubscribe.put("Errors", "");
        unsubscribe.put("HeaderPost", message.header("List-Unsubscribe-Post").stream().findFirst().orElse(""));
        return unsubscribe;
    }

    private void delete(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        List<String> ids = new ArrayList<>();
        if (body.length > 0) {
            JsonNode node = Http.JSON.readTree(body);
            node.path("IDs").forEach(id -> ids.add(id.asString()));
        }
        store.delete(ids);
        Http.send(exchange, 200, "text/plain; charset=utf-8", "ok");
    }

    /**
     * Mailpit-style search, simplified: every term must match; {@code to:}, {@code from:}, {@code subject:} look at
     * that field, a bare term at the addresses, subject and bodies; all case-insensitive.
     */
    static boolean matches(CapturedMessage message, String query) {
        Matcher terms = TERM.matcher(query);
        while (terms.find()) {
            String term = terms.group();
            String lower = unquote(term.toLowerCase(Locale.ROOT));
            boolean match;
            if (lower.startsWith("to:")) {
                match = String.join(" ", message.recipientAddresses()).toLowerCase(Locale.ROOT)
                        .contains(unquote(lower.substring(3)));
            } else if (lower.startsWith("from:")) {
                match = message.from() != null && message.from().toString().toLowerCase(Locale.ROOT)
                        .contains(unquote(lower.substring(5)));
            } else if (lower.startsWith("subject:")) {
                match = message.subject().toLowerCase(Locale.ROOT).contains(unquote(lower.substring(8)));
            } else {
                match = (String.join(" ", message.recipientAddresses()) + " " + message.from() + " "
                        + message.subject() + " " + message.text() + " " + message.html())
                        .toLowerCase(Locale.ROOT).contains(lower);
            }
            if (!match) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String term) {
        return term.length() >= 2 && term.startsWith("\"") && term.endsWith("\"")
                ? term.substring(1, term.length() - 1) : term;
    }

    private static Map<String, String> address(Address address) {
        if (address == null) {
            return null;
        }
        Map<String, String> json = new LinkedHashMap<>();
        json.put("Name", CapturedMessage.name(address));
        json.put("Address", CapturedMessage.address(address));
        return json;
    }

    private static List<Map<String, String>> addresses(List<Address> addresses) {
        return addresses.stream().map(MailpitApi::address).toList();
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The message's HTML body for the sandboxed frame: no scripts, no plugins, no requests but inline images. */
    private void view(HttpExchange exchange, String id) throws IOException {
        Optional<CapturedMessage> found = store.find(id);
        if (found.isEmpty() || found.get().html().isBlank()) {
            Http.send(exchange, 404, "text/plain; charset=utf-8", "no HTML body");
            return;
        }
        exchange.getResponseHeaders().add("Content-Security-Policy", "sandbox allow-popups "
                + "allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        // links open in a new tab, outside the sandbox, so the newcomer can click the survey link
        Http.send(exchange, 200, "text/html; charset=utf-8", "<base target=\"_blank\">" + found.get().html());
    }

    private void inbox(HttpExchange exchange) throws IOException {
        String selected = Http.query(exchange).get("id");
        List<CapturedMessage> messages = store.newestFirst();
        StringBuilder body = new StringBuilder();
        Optional<CapturedMessage> open = selected == null ? Optional.empty() : store.find(selected);
        if (open.isPresent()) {
            CapturedMessage message = open.get();
            store.markRead(message.id());
            body.append("<p><a href=\"/\">&larr; all messages</a></p>")
                    .append("<h2>").append(Http.escape(message.subject())).append("</h2>")
                    .append("<p class=\"muted\">From ").append(Http.escape(String.valueOf(message.from())))
                    .append(" to ").append(Http.escape(String.join(", ", message.recipientAddresses())))
                    .append(", received ").append(CREATED.format(message.created())).append("</p>");
            if (!message.html().isBlank()) {
                body.append("<iframe title=\"message\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\" "
                        + "src=\"/view/").append(Http.escape(message.id())).append(".html\"></iframe>");
            }
            if (!message.text().isBlank()) {
                body.append("<h3>Plain text</h3><pre>").append(linkify(message.text())).append("</pre>");
            }
            body.append("<p class=\"muted\"><a href=\"/api/v1/message/").append(Http.escape(message.id()))
                    .append("\">JSON</a> · <a href=\"/api/v1/message/").append(Http.escape(message.id()))
                    .append("/raw\">raw</a></p>");
        } else {
            body.append("<p>").append(messages.size()).append(" message(s) captured on <code>localhost:1025</code>. "
                    + "API: <a href=\"/api/v1/messages\">/api/v1/messages</a>. Reload for new mail.</p>")
                    .append("<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>");
            for (CapturedMessage message : messages) {
                String link = "/?id=" + URLEncoder.encode(message.id(), StandardCharsets.UTF_8);
                body.append(store.isRead(message.id()) ? "<tr>" : "<tr class=\"unread\">")
                        .append("<td>").append(CREATED.format(message.created()).replace('T', ' ')).append("</td>")
                        .append("<td>").append(Http.escape(String.join(", ", message.recipientAddresses())))
                        .append("</td><td><a href=\"").append(Http.escape(link)).append("\">")
                        .append(Http.escape(message.subject().isBlank() ? "(no subject)" : message.subject()))
                        .append("</a><div class=\"muted\">").append(Http.escape(message.snippet()))
                        .append("</div></td></tr>");
            }
            body.append("</tbody></table>");
        }
        Http.html(exchange, 200, Http.page("Pulseloop local mail", body.toString()));
    }

    /** Escapes the text and turns its http(s) links into anchors that open in a new tab. */
    static String linkify(String text) {
        StringBuilder html = new StringBuilder();
        Matcher matcher = LINK.matcher(text);
        int last = 0;
        while (matcher.find()) {
            html.append(Http.escape(text.substring(last, matcher.start())));
            String url = Http.escape(matcher.group());
            html.append("<a target=\"_blank\" rel=\"noopener\" href=\"").append(url).append("\">").append(url)
                    .append("</a>");
            last = matcher.end();
        }
        return html.append(Http.escape(text.substring(last))).toString();
    }
}
