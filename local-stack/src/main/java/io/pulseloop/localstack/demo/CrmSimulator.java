package io.pulseloop.localstack.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pulseloop.localstack.http.Http;

/**
 * A CRM that publishes CloudEvents 1.0 in JSON structured mode to {@code crm.inbound.v1} (contract §2.1), keyed by
 * contact (or owner) id: six owners in two teams with their managers, accounts in Czechia, Poland and the UK with key
 * and standard tiers, and a steady stream of new contacts whose tickets close and deals are won or lost.
 *
 * <p>Every run uses contact ids of its own ({@code demo-<run>-<n>}), because a contact is surveyed at most once per
 * fatigue window: new contacts keep invitations (and so answers) flowing.
 */
final class CrmSimulator implements AutoCloseable {

    static final String TOPIC = "crm.inbound.v1";
    static final String SOURCE = "crm://pulseloop-demo";

    private record Owner(String id, String name, String email, String managerId, String team) {
    }

    private record Account(String id, String name, String tier, String region, String branch, String ownerId,
            String locale, String domain, String timeZone) {
    }

    private static final List<Owner> OWNERS = List.of(
            new Owner("own-1", "Petra Dvořáková", "petra.dvorakova@pulseloop-demo.test", null, "CZ support"),
            new Owner("own-2", "Tomáš Král", "tomas.kral@pulseloop-demo.test", "own-1", "CZ support"),
            new Owner("own-3", "Lucie Benešová", "lucie.benesova@pulseloop-demo.test", "own-1", "CZ support"),
            new Owner("own-4", "Agnieszka Wójcik", "agnieszka.wojcik@pulseloop-demo.test", null, "PL & UK accounts"),
            new Owner("own-5", "Piotr Zieliński", "piotr.zielinski@pulseloop-demo.test", "own-4", "PL & UK accounts"),
            new Owner("own-6", "Oliver Hughes", "oliver.hughes@pulseloop-demo.test", "own-4", "PL & UK accounts"));

    private static final List<Account> ACCOUNTS = List.of(
            new Account("acc-brnotech", "BrnoTech s.r.o.", "key", "CZ-South", "Brno", "own-2", "cs", "brnotech.cz",
                    "Europe/Prague"),
            new Account("acc-vltava", "Vltava Logistika a.s.", "standard", "CZ-Central", "Praha", "own-2", "cs",
                    "vltava-logistika.cz", "Europe/Prague"),
            new Account("acc-ostravska", "Ostravská strojírna a.s.", "key", "CZ-East", "Ostrava", "own-3", "cs",
                    "ostravska-strojirna.cz", "Europe/Prague"),
            new Account("acc-lekarna", "Lékárna U Zlatého hada", "standard", "CZ-Central", "Praha", "own-3", "cs",
                    "zlaty-had.cz", "Europe/Prague"),
            new Account("acc-wisla", "Wisła Energia S.A.", "key", "PL-South", "Kraków", "own-5", "pl",
                    "wisla-energia.pl", "Europe/Warsaw"),
            new Account("acc-baltyk", "Bałtyk Trans sp. z o.o.", "standard", "PL-North", "Gdańsk", "own-5", "pl",
                    "baltyk-trans.pl", "Europe/Warsaw"),
            new Account("acc-mazowsze", "Mazowsze Retail sp. z o.o.", "standard", "PL-Central", "Warszawa", "own-5",
                    "pl", "mazowsze-retail.pl", "Europe/Warsaw"),
            new Account("acc-thames", "Thames Digital Ltd", "key", "UK-South", "London", "own-6", "en",
                    "thames-digital.co.uk", "Europe/London"),
            new Account("acc-pennine", "Pennine Foods plc", "standard", "UK-North", "Leeds", "own-6", "en",
                    "pennine-foods.co.uk", "Europe/London"));

    private static final Map<String, List<String[]>> PEOPLE = Map.of(
            "cs", List.of(new String[] {"Jana", "Nováková"}, new String[] {"Martin", "Svoboda"},
                    new String[] {"Eva", "Černá"}, new String[] {"Jakub", "Procházka"},
                    new String[] {"Tereza", "Kučerová"}, new String[] {"Ondřej", "Veselý"},
                    new String[] {"Kateřina", "Horáková"}, new String[] {"Lukáš", "Němec"}),
            "pl", List.of(new String[] {"Anna", "Kowalska"}, new String[] {"Piotr", "Nowak"},
                    new String[] {"Magdalena", "Wiśniewska"}, new String[] {"Tomasz", "Wójcik"},
                    new String[] {"Katarzyna", "Kamińska"}, new String[] {"Michał", "Lewandowski"}),
            "en", List.of(new String[] {"Emma", "Clarke"}, new String[] {"James", "Wilson"},
                    new String[] {"Sophie", "Turner"}, new String[] {"Harry", "Evans"},
                    new String[] {"Amelia", "Wright"}));

    private static final List<String> TICKET_TYPES = List.of("installation", "repair", "billing", "onboarding");
    private static final List<String> PRODUCTS = List.of("fiber-1g", "fiber-300", "voip-pbx", "managed-wifi");

    private final Producer<String, String> producer;
    private final Clock clock;
    private final RandomGenerator random;
    private final String run;
    private int contacts;

    CrmSimulator(Producer<String, String> producer, Clock clock, RandomGenerator random, String run) {
        this.producer = producer;
        this.clock = clock;
        this.random = random;
        this.run = run;
    }

    static CrmSimulator connect(String bootstrapServers, Clock clock, RandomGenerator random) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new CrmSimulator(new KafkaProducer<>(properties), clock, random,
                Long.toString(clock.millis() / 1000, 36));
    }

    /** The owners with their managers; sent once per run (an upsert, so harmless when repeated). */
    void publishOwners() {
        for (Owner owner : OWNERS) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("ownerId", owner.id());
            data.put("email", owner.email());
            data.put("name", owner.name());
            if (owner.managerId() != null) {
                data.put("managerId", owner.managerId());
            }
            data.put("team", owner.team());
            send(owner.id(), "crm.owner.upserted", data);
        }
        producer.flush();
    }

    /** A new contact of a random account, then what brings a survey: mostly a closed ticket, sometimes a deal. */
    String publishNewContactWithActivity() {
        Account account = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
        List<String[]> people = PEOPLE.get(account.locale());
        String[] person = people.get(random.nextInt(people.size()));
        String contactId = "demo-" + run + "-" + (++contacts);
        String email = ascii(person[0] + "." + person[1]) + "." + run + contacts + "@" + account.domain();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", contactId);
        data.put("email", email);
        data.put("firstName", person[0]);
        data.put("lastName", person[1]);
        data.put("accountId", account.id());
        data.put("accountName", account.name());
        data.put("accountTier", account.tier());
        data.put("region", account.region());
        data.put("branch", account.branch());
        data.put("ownerId", account.ownerId());
        data.put("locale", account.locale());
        data.put("timeZone", account.timeZone());
        data.put("customerStatus", "customer");
        data.put("consent", Map.of("surveys", true, "marketing", random.nextInt(3) > 0));
        data.put("doNotContact", false);
        send(contactId, "crm.contact.upserted", data);

        int roll = random.nextInt(10);
        Instant now = clock.instant();
        if (roll < 7) {
            Map<String, Object> ticket = new LinkedHashMap<>();
            ticket.put("ticketId", "T-" + run + "-" + contacts);
            ticket.put("contactId", contactId);
            ticket.put("closedAt", now.toString());
            ticket.put("ticketType", TICKET_TYPES.get(random.nextInt(TICKET_TYPES.size())));
            ticket.put("technicianId", "tech-" + (1 + random.nextInt(6)));
            ticket.put("subject", "Ticket " + contacts);
            send(contactId, "crm.ticket.closed", ticket);
        } else {
            Map<String, Object> deal = new LinkedHashMap<>();
            deal.put("dealId", "D-" + run + "-" + contacts);
            deal.put("contactId", contactId);
            deal.put("closedAt", now.toString());
            deal.put("amount", 5_000 + random.nextInt(40) * 2_500);
            deal.put("currency", switch (account.locale()) {
                case "cs" -> "CZK";
                case "pl" -> "PLN";
                default -> "GBP";
            });
            deal.put("product", PRODUCTS.get(random.nextInt(PRODUCTS.size())));
            deal.put("ownerId", account.ownerId());
            if (roll < 9) {
                send(contactId, "crm.deal.won", deal);
            } else {
                deal.remove("amount");
                deal.remove("currency");
                deal.remove("product");
                deal.put("lossReason", random.nextBoolean() ? "price" : "competitor");
                send(contactId, "crm.deal.lost", deal);
            }
        }
        return contactId;
    }

    int contacts() {
        return contacts;
    }

    private void send(String key, String type, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", SOURCE);
        event.put("type", type);
        event.put("time", clock.instant().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        producer.send(new ProducerRecord<>(TOPIC, key, Http.JSON.writeValueAsString(event)));
    }

    /** Lower-case ASCII for an email's local part: "Dvořáková" becomes "dvorakova". */
    static String ascii(String text) {
        String decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace("ł", "l").replace("Ł", "L");
        return decomposed.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]", "");
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
