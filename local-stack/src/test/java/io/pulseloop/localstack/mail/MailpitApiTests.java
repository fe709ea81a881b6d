package io.pulseloop.localstack.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.pulseloop.localstack.http.Http;

/** A message sent with Jakarta Mail over real SMTP, read back through the Mailpit-shaped HTTP API and the inbox page. */
class MailpitApiTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    private SmtpCapture smtp;
    private Http api;

    @BeforeEach
    void start() throws IOException {
        MailStore store = MailStore.open(directory, Clock.systemUTC());
        smtp = SmtpCapture.start(0, store);
        api = Http.start(0, "mailpit-test", new MailpitApi(store));
    }

    @AfterEach
    void stop() {
        smtp.close();
        api.stop();
    }

    @Test
    void listsCapturedMessagesNewestFirstInMailpitsShape() throws Exception {
        send("jana@example.cz", "Jak jsme zvládli váš požadavek?", "První zpráva", null);
        send("piotr@example.pl", "Jak oceniasz naszą pomoc?", "Druga wiadomość", null);

        JsonNode list = getJson("/api/v1/messages");

        assertThat(list.get("total").asInt()).isEqualTo(2);
        assertThat(list.get("messages_count").asInt()).isEqualTo(2);
        assertThat(list.get("unread").asInt()).isEqualTo(2);
        assertThat(list.get("start").asInt()).isZero();
        JsonNode newest = list.get("messages").get(0);
        assertThat(newest.get("Subject").asString()).isEqualTo("Jak oceniasz naszą pomoc?");
        assertThat(newest.get("To").get(0).get("Address").asString()).isEqualTo("piotr@example.pl");
        assertThat(newest.get("From").get("Address").asString()).isEqualTo("surveys@pulseloop.local");
        assertThat(newest.get("From").get("Name").asString()).isEqualTo("Pulseloop Surveys");
        assertThat(newest.get("Read").asBoolean()).isFalse();
        assertThat(newest.get("Snippet").asString()).isEqualTo("Druga wiadomość");
        assertThat(newest.get("Created").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(newest.has("ID")).isTrue();
        assertThat(newest.has("MessageID")).isTrue();
        assertThat(newest.get("Size").asInt()).isPositive();
        assertThat(getJson("/api/v1/messages?start=1&limit=1").get("messages").get(0).get("Subject").asString())
                .isEqualTo("Jak jsme zvládli váš požadavek?");
    }

    @Test
    void answersOneMessageWithTextHtmlAndListUnsubscribe() throws Exception {
        send("jana@example.cz", "Jak jsme zvládli váš požadavek?",
                "Odpovězte: http://localhost:8082/s/abc123?score=1",
                "<p>Odpovězte <a href=\"http://localhost:8082/s/abc123?score=1\">1</a></p>");
        String id = getJson("/api/v1/messages").get("messages").get(0).get("ID").asString();

        JsonNode message = getJson("/api/v1/message/" + id);

        assertThat(message.get("ID").asString()).isEqualTo(id);
        assertThat(message.get("Subject").asString()).isEqualTo("Jak jsme zvládli váš požadavek?");
        assertThat(message.get("Text").asString()).contains("http://localhost:8082/s/abc123?score=1");
        assertThat(message.get("HTML").asString()).contains("<a href=\"http://localhost:8082/s/abc123?score=1\">");
        assertThat(message.get("To").get(0).get("Address").asString()).isEqualTo("jana@example.cz");
        assertThat(message.get("ListUnsubscribe").get("Links").get(0).asString())
                .isEqualTo("http://localhost:8082/u/abc123");
        assertThat(message.get("ListUnsubscribe").get("HeaderPost").asString()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(getJson("/api/v1/message/latest").get("ID").asString()).isEqualTo(id);
        assertThat(getJson("/api/v1/messages").get("messages").get(0).get("Read").asBoolean()).isTrue();
        assertThat(get("/api/v1/message/" + id + "/raw").body()).contains("Subject:");
        assertThat(getJson("/api/v1/message/" + id + "/headers").get("List-Unsubscribe-Post").get(0).asString())
                .isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void snippetOfAnHtmlOnlyMessageIsItsTextWithoutTagsOrEntities() throws Exception {
        send("own-1@example.com", "Daily digest", null, "<h1>Your team&#39;s tasks</h1><p>Low&nbsp;CSAT &amp; more</p>");

        assertThat(getJson("/api/v1/messages").get("messages").get(0).get("Snippet").asString())
                .isEqualTo("Your team's tasks Low CSAT & more");
    }

    @Test
    void unknownMessageIsNotFound() throws Exception {
        assertThat(get("/api/v1/message/no-such-id").statusCode()).isEqualTo(404);
    }

    @Test
    void searchesByRecipientAndSubject() throws Exception {
        send("jana@example.cz", "Jak jsme zvládli váš požadavek?", "cs", null);
        send("emma@example.co.uk", "How did we do?", "en", null);

        assertThat(getJson("/api/v1/search?query=to:emma@example.co.uk").get("messages")).hasSize(1);
        assertThat(getJson("/api/v1/search?query=subject:%22How%20did%22").get("messages")).hasSize(1);
        assertThat(getJson("/api/v1/search?query=to:nobody@example.com").get("messages")).isEmpty();
    }

    @Test
    void inboxPageEscapesTheMessageAndShowsItsHtmlOnlyInASandboxedFrame() throws Exception {
        send("jana@example.cz", "<script>alert(1)</script>", "text http://localhost:8082/s/abc123",
                "<script>alert(2)</script><a href=\"http://localhost:8082/s/abc123\">odpovědět</a>");
        String id = getJson("/api/v1/messages").get("messages").get(0).get("ID").asString();

        String list = get("/").body();
        String page = get("/?id=" + id).body();
        HttpResponse<String> frame = get("/view/" + id + ".html");

        assertThat(list).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        assertThat(page).contains("<iframe title=\"message\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")
                .contains("<a target=\"_blank\" rel=\"noopener\" href=\"http://localhost:8082/s/abc123\">")
                .doesNotContain("<script>alert");
        assertThat(frame.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).startsWith("sandbox allow-popups").contains("default-src 'none'"));
        assertThat(frame.body()).startsWith("<base target=\"_blank\">");
    }

    @Test
    void keepsMessagesAcrossRestartsAndDeletesOnRequest() throws Exception {
        send("jana@example.cz", "Kept", "body", null);
        String id = getJson("/api/v1/messages").get("messages").get(0).get("ID").asString();
        stop();

        start();

        assertThat(getJson("/api/v1/message/" + id).get("Subject").asString()).isEqualTo("Kept");
        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/messages")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(getJson("/api/v1/messages").get("total").asInt()).isZero();
    }

    private void send(String to, String subject, String text, String html) throws MessagingException, IOException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("surveys@pulseloop.local", "Pulseloop Surveys",
                java.nio.charset.StandardCharsets.UTF_8.name()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setHeader("List-Unsubscribe", "<http://localhost:8082/u/abc123>");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (text == null) {
            message.setText(html, "UTF-8", "html");
        } else if (html == null) {
            message.setText(text, "UTF-8");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", plain, rich));
        }
        Transport.send(message);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return Http.JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + api.port() + path);
    }
}
