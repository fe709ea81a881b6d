package io.pulseloop.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;

/**
 * The whole flow for a set of contacts, driven from outside and then counted, with the criteria of Kafka's own
 * transactions system test: the set of inputs equals the set of effects, nothing twice, order kept per contact.
 *
 * <p>Every contact belongs to one owner (an agent whose manager is known); each contact's ticket closes (the CSAT
 * trigger); every contact answers its emailed survey through the API, the even ones with 1 (a {@code LOW_CSAT} task,
 * an alert email to the owner and a webhook post; overdue after the platform's short due override, so escalated
 * once to the manager with another email and webhook post), the odd ones with 5 (no task). The agent resolves every
 * task once it is escalated. The CRM card of each contact must then show its score, and for the low ones
 * {@code pulseloop_followup_open} and {@code pulseloop_marketing_paused} {@code true} then {@code false}; analytics
 * must count every answer once.
 *
 * <p>The flow never fails on a missing effect: it waits for each stage until its patience runs out, goes on, and
 * counts in the {@link Ledger} what was lost and what came twice.
 */
final class FaultFlow {

    private static final Logger LOG = LoggerFactory.getLogger(FaultFlow.class);
    /** How long each stage may take; longer than an alert's claim (2 min), which a crash leaves to expire. */
    private static final Duration STAGE = Duration.ofSeconds(150);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** The subjects of closed-loop's English alert emails (its {@code messages.properties}). */
    private static final String OPENED = "New follow-up task";
    private static final String ESCALATED = "Escalated:";

    private final WholePlatform platform;
    private final String name;
    private final List<String> contacts = new ArrayList<>();
    private final String owner;
    private final String manager;
    private final String technician;
    private final String admin;
    private final Map<String, Integer> answered = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Instant started = Instant.now();
    private Callable<?> beforeCounting = () -> null;
    private Callable<?> beforeAnswering = () -> null;
    private Callable<?> beforeResolving = () -> null;
    private Callable<?> afterResolving = () -> null;
    private boolean crmCoalesces;
    private final AtomicInteger answersRetried = new AtomicInteger();
    /** What the run saw on the way, for the ledger's notes: stages given up on, with when. */
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final BiConsumer<String, String> crm;
    private final List<String> responseUrls = new ArrayList<>();
    private final List<String> closedLoopUrls = new ArrayList<>();

    /**
     * @param name a short id of this run, unique on the platform (contact ids start with it)
     * @param size how many contacts
     */
    FaultFlow(WholePlatform platform, String name, int size) {
        this.platform = platform;
        this.name = name;
        for (int i = 0; i < size; i++) {
            contacts.add(String.format("%s-c%03d", name, i));
        }
        this.owner = name + "-owner";
        this.manager = name + "-manager";
        this.technician = name + "-tech";
        this.admin = platform.tokens.bearer(name + "-admin", "ADMIN");
        this.crm = (key, event) -> platform.kafka.publish(Topics.CRM_INBOUND, key, event);
        responseUrls.add(platform.response.baseUrl());
        closedLoopUrls.add(platform.closedLoop.baseUrl());
    }

    /** Spreads the answers and the agent's requests over these replicas too (by contact, round robin). */
    FaultFlow alsoThrough(ServiceProcess response, ServiceProcess closedLoop) {
        responseUrls.add(response.baseUrl());
        closedLoopUrls.add(closedLoop.baseUrl());
        return this;
    }

    String owner() {
        return owner;
    }

    /** How many answers were accepted so far. */
    int answeredCount() {
        return answered.size();
    }

    List<String> contacts() {
        return List.copyOf(contacts);
    }

    private String via(List<String> replicas, String contact) {
        return replicas.get(contacts.indexOf(contact) % replicas.size());
    }

    boolean low(String contact) {
        return contacts.indexOf(contact) % 2 == 0;
    }

    private int score(String contact) {
        return low(contact) ? 1 : 5;
    }

    /** The CRM's part: the manager, the owner, every contact, and every contact's closed ticket. */
    FaultFlow publishCrmEvents() {
        crm.accept(manager, owner(manager, null));
        crm.accept(owner, owner(owner, manager));
        for (String contact : contacts) {
            crm.accept(contact, contact(contact));
        }
        for (String contact : contacts) {
            crm.accept(contact, CrmEvents.event("crm.ticket.closed", Map.of("ticketId", "t-" + contact,
                    "contactId", contact, "closedAt", Instant.now().toString(), "ticketType", "repair",
                    "technicianId", technician, "subject", "Router")));
        }
        return this;
    }

    /** Everything after the CRM events: the answers, the agent's work, then the count of every effect. */
    Ledger complete() throws Exception {
        stage("an invitation email to every contact", () -> contacts.stream()
                .allMatch(contact -> !invitations(contact).isEmpty()));
        beforeAnswering.call();
        for (String contact : contacts) {
            List<Email> emails = invitations(contact);
            if (emails.isEmpty()) {
                continue;
            }
            String body = "{\"token\":\"" + emails.get(0).token() + "\",\"score\":" + score(contact) + "}";
            // a customer whose page does not answer tries again (200: the first try was stored after all); so does one
            // told the link is unknown: while the broker is down, response-service may not have read the invitation yet
            AtomicInteger tries = new AtomicInteger();
            HttpResponse<String> answer = retrying(() -> {
                tries.incrementAndGet();
                return post(via(responseUrls, contact) + "/api/v1/responses", null, body);
            }, status -> status < 500 && status != 404);
            if (tries.get() > 1) {
                answersRetried.incrementAndGet();
            }
            if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                answered.put(contact, score(contact));
            } else {
                LOG.warn("{}: answer of {} refused: {} {}", name, contact, answer.statusCode(), answer.body());
            }
        }
        List<String> lows = answered.keySet().stream().filter(this::low).toList();
        stage("a task for every low score", () -> lows.stream().allMatch(contact -> tasks(contact).size() >= 1));
        stage("every task escalated", () -> lows.stream().allMatch(contact -> tasks(contact).stream()
                .allMatch(task -> task.path("escalated").asBoolean())));
        beforeResolving.call();
        String agent = platform.tokens.bearer(owner, "AGENT");
        String rootCause = EventJson.mapper().readTree(retrying(() -> get(platform.closedLoop.baseUrl()
                + "/api/v1/tasks/root-causes", agent)).body()).get(0).asString();
        for (String contact : lows) {
            for (JsonNode task : tasks(contact)) {
                HttpResponse<String> resolved = retrying(() -> post(via(closedLoopUrls, contact) + "/api/v1/tasks/"
                        + task.path("id").asString() + "/resolve", agent, "{\"rootCause\":\"" + rootCause
                        + "\",\"note\":\"called back\",\"recovered\":true}"));
                if (resolved.statusCode() != 200 && resolved.statusCode() != 409) {
                    LOG.warn("{}: resolving {} answered {} {}", name, task.path("id").asString(),
                            resolved.statusCode(), resolved.body());
                }
            }
        }
        afterResolving.call();
        stage("every CRM card in its final state", () -> answered.keySet().stream()
                .allMatch(contact -> finalStateOk(contact, crmHistory(contact))));
        stage("analytics counting every answer", () -> {
            JsonNode group = csatGroup();
            return group != null && group.path("responses").asInt() >= answered.size();
        });
        stage("every task's alerts: the assignee's and the manager's email, two webhook posts", () -> lows.stream()
                .allMatch(contact -> alertEmails(owner, OPENED, contact) >= 1
                        && alertEmails(manager, ESCALATED, contact) >= 1 && webhooks(contact) >= 2));
        beforeCounting.call();
        settle();
        return count();
    }

    /** Runs this (e.g. waits for a fault to be over) before the flow settles and its effects are counted. */
    FaultFlow beforeCounting(Callable<?> action) {
        this.beforeCounting = action;
        return this;
    }

    /** Runs this once every contact has its invitation email, before the first answer. */
    FaultFlow beforeAnswering(Callable<?> action) {
        this.beforeAnswering = action;
        return this;
    }

    /** Runs this once every task is escalated (or the stage gave up), before the agent resolves them. */
    FaultFlow beforeResolving(Callable<?> action) {
        this.beforeResolving = action;
        return this;
    }

    /** Runs this once the agent resolved every task, before the flow waits for the CRM cards' final state. */
    FaultFlow afterResolving(Callable<?> action) {
        this.afterResolving = action;
        return this;
    }

    /**
     * The CRM may miss intermediate states: while it is down, crm-sync's outbox keeps only the newest value of each
     * property, so a follow-up opened and closed during the outage reaches the card as its last state alone
     * ({@code false}) — a {@code true} then {@code false} is still in order, anything else (a {@code true} last, a
     * flip back) is not.
     */
    FaultFlow crmCoalesces() {
        this.crmCoalesces = true;
        return this;
    }

    /** The request again, each second, while the service is unreachable or answers 5xx (a restart under way). */
    private HttpResponse<String> retrying(Callable<HttpResponse<String>> request) {
        return retrying(request, status -> status < 500);
    }

    /** The request again, each second, until it answers a status that is {@code final}, for up to a stage. */
    private HttpResponse<String> retrying(Callable<HttpResponse<String>> request, IntPredicate isFinal) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        try {
            await(name + ": a request through a fault").atMost(STAGE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                        last.set(request.call());
                        return isFinal.test(last.get().statusCode());
                    });
        } catch (ConditionTimeoutException e) {
            if (last.get() == null) {
                throw e;
            }
        }
        return last.get();
    }

    /** Waits until nothing observable changes for {@link #SETTLE}: late duplicates have time to show. */
    private void settle() {
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            await(name + ": nothing changes any more").atMost(SETTLE.multipliedBy(6)).pollInterval(Duration.ofSeconds(1))
                    .during(SETTLE).until(() -> {
                        String now = fingerprint();
                        return now.equals(last.getAndSet(now));
                    });
        } catch (ConditionTimeoutException e) {
            LOG.warn("{}: still changing after {}", name, SETTLE.multipliedBy(6));
        }
    }

    private String fingerprint() {
        return platform.smtp.receivedMessages().size() + "/"
                + platform.alerts.server().findAll(postRequestedFor(urlPathEqualTo("/alerts"))).size() + "/"
                + platform.crm.server().findAll(patchRequestedFor(urlPathMatching("/crm/v3/objects/contacts/.+")))
                        .size();
    }

    private Ledger count() throws Exception {
        Ledger ledger = new Ledger(name, Duration.between(started, Instant.now()));
        notes.forEach(ledger::note);
        List<String> lows = answered.keySet().stream().filter(this::low).toList();

        Map<String, Integer> invitations = new LinkedHashMap<>();
        contacts.forEach(contact -> invitations.put(contact, invitations(contact).size()));
        ledger.row("invitation emails (one per closed ticket)", contacts, invitations);
        Map<String, Integer> accepted = new LinkedHashMap<>();
        answered.keySet().forEach(contact -> accepted.put(contact, 1));
        ledger.row("answers accepted (201, or 200 for a retried one) of the invited"
                + (answersRetried.get() == 0 ? "" : "; " + answersRetried.get() + " only on a retry"),
                contacts.stream().filter(contact -> invitations.get(contact) > 0).toList(), accepted);

        JsonNode group = csatGroup();
        int counted = group == null ? 0 : group.path("responses").asInt();
        int satisfied = group == null ? 0 : group.path("satisfied").asInt();
        long expectedSatisfied = answered.values().stream().filter(score -> score == 5).count();
        ledger.aggregate("answers counted by analytics (responses)", answered.size(), counted);
        ledger.aggregate("satisfied answers counted by analytics", (int) expectedSatisfied, satisfied);

        Map<String, Integer> tasks = new LinkedHashMap<>();
        Map<String, Integer> assigneeAlerts = new LinkedHashMap<>();
        Map<String, Integer> managerAlerts = new LinkedHashMap<>();
        Map<String, Integer> webhooks = new LinkedHashMap<>();
        List<String> unexpectedTasks = new ArrayList<>();
        for (String contact : answered.keySet()) {
            List<JsonNode> found = tasks(contact);
            if (low(contact)) {
                tasks.put(contact, (int) found.stream().filter(t -> "LOW_CSAT".equals(t.path("reason").asString()))
                        .count());
                assigneeAlerts.put(contact, alertEmails(owner, OPENED, contact));
                managerAlerts.put(contact, alertEmails(manager, ESCALATED, contact));
                webhooks.put(contact, webhooks(contact));
            } else if (!found.isEmpty()) {
                unexpectedTasks.add(contact);
            }
        }
        ledger.row("LOW_CSAT tasks (one per contact and reason)", lows, tasks);
        ledger.aggregate("tasks for satisfied customers (none expected)", 0, unexpectedTasks.size());
        ledger.row("alert emails to the assignee", lows, assigneeAlerts);
        ledger.row("escalation emails to the manager", lows, managerAlerts);
        managerAlerts.forEach((contact, count) -> {
            if (count == 0) {
                // which side lost it: a task escalated to nobody, or an email queued but not delivered
                tasks(contact).forEach(task -> ledger.note(contact + ": task " + task.path("id").asString()
                        + " escalated=" + task.path("escalated").asBoolean() + " escalatedToId="
                        + task.path("escalatedToId") + " escalatedAt=" + task.path("escalatedAt")));
            }
        });
        ledger.aggregate("webhook alerts (opened + escalated for each task)", 2 * lows.size(),
                webhooks.values().stream().mapToInt(Integer::intValue).sum());

        Map<String, List<ConsumerRecord<String, String>>> taskEvents = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : platform.kafka.readTopic(Topics.FOLLOWUP_TASKS)) {
            if (record.key() != null && record.key().startsWith(name + "-c") && record.value() != null) {
                taskEvents.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record);
            }
        }
        Map<String, Integer> escalations = new LinkedHashMap<>();
        for (String contact : lows) {
            escalations.put(contact, distinctEvents(taskEvents.getOrDefault(contact, List.of()),
                    "FollowUpTaskEscalated"));
        }
        ledger.row("escalations (distinct FollowUpTaskEscalated events)", lows, escalations);

        Map<String, Integer> scoreWriteBacks = new LinkedHashMap<>();
        Map<String, Integer> followUps = new LinkedHashMap<>();
        Map<String, Integer> pauses = new LinkedHashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        for (String contact : answered.keySet()) {
            Map<String, List<String>> history = crmHistory(contact);
            scoreWriteBacks.put(contact, changes(history.get("pulseloop_csat_score"), String.valueOf(score(contact))));
            List<String> open = collapse(history.get("pulseloop_followup_open"));
            List<String> paused = collapse(history.get("pulseloop_marketing_paused"));
            if (low(contact) && crmCoalesces) {
                // the last state, "false", once: after a "true" (the opening reached the CRM) or alone (coalesced)
                followUps.put(contact, inOrderOrCoalesced(open) ? 1 : (int) open.stream().filter("false"::equals)
                        .count());
                pauses.put(contact, inOrderOrCoalesced(paused) ? 1 : (int) paused.stream().filter("false"::equals)
                        .count());
                if (!inOrderOrCoalesced(open) || !inOrderOrCoalesced(paused)) {
                    outOfOrder.add(contact + " open " + open + " paused " + paused);
                }
            } else if (low(contact)) {
                // each "true" state is one opening of the follow-up; in order means exactly [true, false]
                followUps.put(contact, (int) open.stream().filter("true"::equals).count());
                pauses.put(contact, (int) paused.stream().filter("true"::equals).count());
                if (!open.equals(List.of("true", "false")) || !paused.equals(List.of("true", "false"))) {
                    outOfOrder.add(contact + " open " + open + " paused " + paused);
                }
            } else if (open.contains("true")) {
                outOfOrder.add(contact + " (satisfied) open " + open);
            }
            if (!finalStateOk(contact, history)) {
                outOfOrder.add(contact + " final state " + history);
            }
        }
        ledger.row("CRM score write-backs (state changes)", List.copyOf(answered.keySet()), scoreWriteBacks);
        ledger.row(crmCoalesces ? "CRM follow-up closed at last (opened before, or only the last state)"
                : "CRM follow-up opened (then closed)", lows, followUps);
        ledger.row(crmCoalesces ? "CRM marketing resumed at last (paused before, or only the last state)"
                : "CRM marketing paused (then resumed)", lows, pauses);
        ledger.aggregate("CRM cards out of order or not in their last state", 0, outOfOrder.size());
        List<String> withoutInput = writeBacksWithoutInput();
        ledger.aggregate("CRM write-backs accepted without an input (contact or property the flow never caused)", 0,
                withoutInput.size());
        withoutInput.forEach(problem -> LOG.warn("{}: {}", name, problem));
        outOfOrder.forEach(problem -> LOG.warn("{}: {}", name, problem));
        return ledger;
    }

    /** A coalesced history is in order when it is {@code [true, false]} or only {@code [false]}. */
    private static boolean inOrderOrCoalesced(List<String> states) {
        return states.equals(List.of("true", "false")) || states.equals(List.of("false"));
    }

    /**
     * The accepted write-backs of this run's contacts that no input caused: to a contact that did not answer, of a
     * property other than the score (and for a low score the follow-up and the marketing pause), or a score that is
     * not the contact's.
     */
    private List<String> writeBacksWithoutInput() {
        List<String> problems = new ArrayList<>();
        String prefix = "/crm/v3/objects/contacts/" + name + "-c";
        for (ServeEvent event : accepted()) {
            String url = event.getRequest().getUrl();
            if (!url.startsWith(prefix)) {
                continue;
            }
            String contact = url.substring("/crm/v3/objects/contacts/".length());
            if (!answered.containsKey(contact)) {
                problems.add("a write-back to " + contact + ", which did not answer: " + event.getRequest()
                        .getBodyAsString());
                continue;
            }
            JsonNode properties = EventJson.mapper().readTree(event.getRequest().getBodyAsString()).path("properties");
            for (String property : properties.propertyNames()) {
                String value = properties.get(property).asString();
                boolean caused = switch (property) {
                    case "pulseloop_csat_score" -> value.equals(String.valueOf(score(contact)));
                    case "pulseloop_csat_date" -> true;
                    case "pulseloop_followup_open", "pulseloop_marketing_paused" -> low(contact);
                    default -> false;
                };
                if (!caused) {
                    problems.add(contact + ": " + property + " = " + value + " without an input");
                }
            }
        }
        return problems;
    }

    /** The CRM's PATCHes of contacts that it accepted (2xx), oldest first: a refused one changed no card. */
    private List<ServeEvent> accepted() {
        return platform.crm.server().getAllServeEvents().stream()
                .filter(event -> RequestMethod.PATCH.getName().equals(event.getRequest().getMethod().getName())
                        && event.getRequest().getUrl().startsWith("/crm/v3/objects/contacts/")
                        && event.getResponse() != null && event.getResponse().getStatus() / 100 == 2)
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate())).toList();
    }

    private static int distinctEvents(List<ConsumerRecord<String, String>> records, String eventType) {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event;
            try {
                event = EventJson.mapper().readTree(record.value());
            } catch (JacksonException poison) {
                continue; // a poison record of the test, not an event
            }
            if (event != null && eventType.equals(event.path("eventType").asString())) {
                ids.add(event.path("eventId").asString());
            }
        }
        return ids.size();
    }

    /** How many times the property changed value (consecutive equal values are one state), 0 if never to that. */
    private static int changes(List<String> values, String expected) {
        List<String> states = collapse(values);
        return states.contains(expected) ? states.size() : 0;
    }

    private static List<String> collapse(List<String> values) {
        List<String> states = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (states.isEmpty() || !Objects.equals(states.get(states.size() - 1), value)) {
                states.add(value);
            }
        }
        return states;
    }

    private boolean finalStateOk(String contact, Map<String, List<String>> history) {
        if (!String.valueOf(score(contact)).equals(last(history.get("pulseloop_csat_score")))) {
            return false;
        }
        if (!low(contact)) {
            return true;
        }
        return "false".equals(last(history.get("pulseloop_followup_open")))
                && "false".equals(last(history.get("pulseloop_marketing_paused")));
    }

    private static String last(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Each property's values in the order the CRM accepted them (a refused request changed nothing). */
    private Map<String, List<String>> crmHistory(String contact) {
        Map<String, List<String>> history = new LinkedHashMap<>();
        String url = "/crm/v3/objects/contacts/" + contact;
        accepted().stream().map(ServeEvent::getRequest).filter(request -> request.getUrl().equals(url))
                .forEach(request -> {
                    JsonNode properties = EventJson.mapper().readTree(request.getBodyAsString()).path("properties");
                    properties.propertyNames().forEach(property -> history.computeIfAbsent(property,
                            key -> new ArrayList<>()).add(properties.get(property).asString()));
                });
        return history;
    }

    private void stage(String description, Callable<Boolean> done) {
        try {
            await(name + ": " + description).atMost(STAGE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(done);
        } catch (ConditionTimeoutException e) {
            LOG.warn("{}: gave up waiting for {} after {}", name, description, STAGE);
            notes.add("gave up waiting for " + description + " after " + STAGE.toSeconds() + " s, at "
                    + Duration.between(started, Instant.now()).toSeconds() + " s");
        }
    }

    private List<Email> invitations(String contact) {
        return emailsTo(address(contact));
    }

    private List<Email> emailsTo(String address) {
        return platform.smtp.receivedMessages().stream().map(Email::of)
                .filter(email -> email.to().toLowerCase().contains(address.toLowerCase())).toList();
    }

    /** Alert emails of one kind (by subject: not the manager's daily digest, which lists open tasks too). */
    private int alertEmails(String recipient, String subject, String contact) {
        return (int) emailsTo(address(recipient)).stream().filter(email -> email.subject().startsWith(subject))
                .filter(email -> email.html().contains(contact) || email.text().contains(contact)).count();
    }

    private int webhooks(String contact) {
        return (int) platform.alerts.server().findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
                .filter(request -> request.getBodyAsString().contains(contact + ":")
                        || request.getBodyAsString().contains(contact + "%3A")).count();
    }

    private List<JsonNode> tasks(String contact) {
        try {
            HttpResponse<String> response = get(platform.closedLoop.baseUrl() + "/api/v1/tasks?contactId=" + contact,
                    admin);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("tasks of " + contact + ": " + response.statusCode() + " "
                        + response.body());
            }
            List<JsonNode> tasks = new ArrayList<>();
            EventJson.mapper().readTree(response.body()).path("content").forEach(tasks::add);
            return tasks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode csatGroup() throws Exception {
        HttpResponse<String> response = get(platform.analytics.baseUrl()
                + "/api/v1/analytics/scores?metric=CSAT&groupBy=technician", admin);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("analytics: " + response.statusCode() + " " + response.body());
        }
        for (JsonNode group : EventJson.mapper().readTree(response.body()).path("groups")) {
            if (technician.equals(group.path("key").asString())) {
                return group;
            }
        }
        return null;
    }

    static String address(String id) {
        return id + "@example.com";
    }

    private static String owner(String ownerId, String managerId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ownerId", ownerId);
        data.put("email", address(ownerId));
        data.put("name", "Owner " + ownerId);
        if (managerId != null) {
            data.put("managerId", managerId);
        }
        data.put("team", "support");
        return CrmEvents.event("crm.owner.upserted", data);
    }

    private String contact(String contactId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", contactId);
        data.put("email", address(contactId));
        data.put("firstName", "Jana");
        data.put("lastName", "Nováková");
        data.put("accountId", "acc-" + contactId);
        data.put("accountName", "Acme " + contactId);
        data.put("accountTier", "standard");
        data.put("region", "CEE");
        data.put("branch", "Brno");
        data.put("ownerId", owner);
        data.put("locale", "en");
        data.put("timeZone", "Europe/Prague");
        data.put("customerStatus", "customer");
        data.put("consent", Map.of("surveys", true, "marketing", true));
        data.put("doNotContact", false);
        return CrmEvents.event("crm.contact.upserted", data);
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        return PlatformDriver.request("GET", url, authorization, null, null);
    }

    private static HttpResponse<String> post(String url, String authorization, String json) throws Exception {
        return PlatformDriver.request("POST", url, authorization, "application/json", json);
    }
}
