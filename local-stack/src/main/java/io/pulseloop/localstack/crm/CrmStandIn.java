package io.pulseloop.localstack.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import io.pulseloop.localstack.http.Http;

/**
 * Stands in for the CRM's REST API (contract §9): records {@code PATCH /crm/v3/objects/contacts/{id}} with
 * {@code {"properties": {...}}} as HubSpot does, answers {@code GET /crm/v3/objects/contacts/{id}} with
 * {@code {"id", "properties", "createdAt", "updatedAt", "archived"}} holding the latest value of every property
 * written, lists all contacts at {@code GET /crm/v3/objects/contacts}, and shows them on a page at {@code /}.
 * Every change is written to one JSON file (atomically) before it is acknowledged, so the next start finds it.
 */
public final class CrmStandIn implements HttpHandler {

    public static final int PORT = 8090;
    private static final Pattern CONTACT = Pattern.compile("/crm/v3/objects/contacts/([^/]+)");
    private static final int RECENT_WRITES = 50;

    private final Path file;
    private final Clock clock;
    /** Guarded by {@code this}. */
    private final Map<String, Contact> contacts = new TreeMap<>();
    private final Deque<Write> recent = new ArrayDeque<>();

    /** A contact as the stand-in knows it. */
    record Contact(String id, Map<String, String> properties, String createdAt, String updatedAt) {
    }

    /** One recorded PATCH, for the page. */
    record Write(String at, String contactId, Map<String, String> properties) {
    }

    private record State(List<Contact> contacts, List<Write> recent) {
    }

    private CrmStandIn(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Reads what an earlier run recorded in {@code file}, if anything. */
    public static CrmStandIn open(Path file, Clock clock) throws IOException {
        CrmStandIn standIn = new CrmStandIn(file, clock);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            State state = Http.JSON.readValue(file.toFile(), new TypeReference<State>() { });
            state.contacts().forEach(contact -> standIn.contacts.put(contact.id(), contact));
            state.recent().forEach(standIn.recent::addLast);
        }
        return standIn;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Matcher contact = CONTACT.matcher(path);
        if (contact.matches() && method.equals("PATCH")) {
            patch(exchange, contact.group(1));
        } else if (contact.matches() && method.equals("GET")) {
            Optional<Contact> found = find(contact.group(1));
            if (found.isPresent()) {
                Http.json(exchange, 200, json(found.get()));
            } else {
                Http.json(exchange, 404, error("Object not found. objectId are usually numeric.",
                        "OBJECT_NOT_FOUND"));
            }
        } else if (path.equals("/crm/v3/objects/contacts") && method.equals("GET")) {
            List<Map<String, Object>> results;
            synchronized (this) {
                results = contacts.values().stream().map(CrmStandIn::json).toList();
            }
            Http.json(exchange, 200, Map.of("results", results));
        } else if ((path.equals("/") || path.equals("/index.html")) && method.equals("GET")) {
            Http.html(exchange, 200, Http.page("Pulseloop CRM stand-in", page()));
        } else {
            Http.json(exchange, 404, error("Unknown path " + method + " " + path, "OBJECT_NOT_FOUND"));
        }
    }

    private void patch(HttpExchange exchange, String id) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        try {
            JsonNode body = Http.JSON.readTree(exchange.getRequestBody().readAllBytes());
            JsonNode values = body == null ? null : body.get("properties");
            if (values == null || !values.isObject()) {
                Http.json(exchange, 400, error("Invalid input JSON: 'properties' must be an object",
                        "VALIDATION_ERROR"));
                return;
            }
            values.properties().forEach(entry -> properties.put(entry.getKey(),
                    entry.getValue().isNull() ? "" : entry.getValue().isString() ? entry.getValue().asString()
                            : entry.getValue().toString()));
        } catch (JacksonException e) {
            Http.json(exchange, 400, error("Invalid input JSON: " + e.getOriginalMessage(), "VALIDATION_ERROR"));
            return;
        }
        Http.json(exchange, 200, json(record(id, properties)));
    }

    /** Merges the properties into the contact (creating it), persists, and answers the contact as it now is. */
    synchronized Contact record(String id, Map<String, String> properties) {
        String now = clock.instant().toString();
        Contact before = contacts.get(id);
        Map<String, String> merged = new TreeMap<>(before == null ? Map.of() : before.properties());
        merged.putAll(properties);
        Contact after = new Contact(id, merged, before == null ? now : before.createdAt(), now);
        contacts.put(id, after);
        recent.addFirst(new Write(now, id, Map.copyOf(properties)));
        while (recent.size() > RECENT_WRITES) {
            recent.removeLast();
        }
        save();
        return after;
    }

    synchronized Optional<Contact> find(String id) {
        return Optional.ofNullable(contacts.get(id));
    }

    private void save() {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Http.JSON.writeValue(temporary.toFile(), new State(List.copyOf(contacts.values()), List.copyOf(recent)));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> json(Contact contact) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", contact.id());
        json.put("properties", contact.properties());
        json.put("createdAt", contact.createdAt());
        json.put("updatedAt", contact.updatedAt());
        json.put("archived", false);
        return json;
    }

    private static Map<String, Object> error(String message, String category) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", "error");
        error.put("message", message);
        error.put("category", category);
        return error;
    }

    private synchronized String page() {
        StringBuilder html = new StringBuilder();
        html.append("<p>Write-backs recorded from crm-sync-service (<code>PATCH /crm/v3/objects/contacts/{id}</code>). "
                + "JSON: <a href=\"/crm/v3/objects/contacts\">/crm/v3/objects/contacts</a>. Reload for news.</p>")
                .append("<h2>Contacts (").append(contacts.size()).append(")</h2>")
                .append("<table><thead><tr><th>Contact</th><th>Properties</th><th>Updated (UTC)</th></tr></thead>"
                        + "<tbody>");
        List<Contact> byUpdate = new ArrayList<>(contacts.values());
        byUpdate.sort((a, b) -> b.updatedAt().compareTo(a.updatedAt()));
        for (Contact contact : byUpdate) {
            html.append("<tr><td><a href=\"/crm/v3/objects/contacts/").append(Http.escape(contact.id()))
                    .append("\">").append(Http.escape(contact.id())).append("</a></td><td>")
                    .append(properties(contact.properties())).append("</td><td>")
                    .append(Http.escape(contact.updatedAt())).append("</td></tr>");
        }
        html.append("</tbody></table><h2>Latest writes</h2><table><thead><tr><th>At (UTC)</th><th>Contact</th>"
                + "<th>Properties written</th></tr></thead><tbody>");
        for (Write write : recent) {
            html.append("<tr><td>").append(Http.escape(write.at())).append("</td><td>")
                    .append(Http.escape(write.contactId())).append("</td><td>")
                    .append(properties(new TreeMap<>(write.properties()))).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String properties(Map<String, String> properties) {
        StringBuilder html = new StringBuilder("<ul class=\"props\">");
        properties.forEach((name, value) -> html.append("<li><code>").append(Http.escape(name)).append("</code> = ")
                .append(Http.escape(value)).append("</li>"));
        return html.append("</ul>").toString();
    }
}
