package io.pulseloop.closedloop.alerts;

import java.util.Locale;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.pulseloop.events.json.EventJson;

/**
 * The bodies of webhook alerts: Slack-compatible JSON ({@code text}, with {@code & < >} escaped as Slack asks, plus
 * {@code blocks}) or a Microsoft Teams message carrying an Adaptive Card, where what a customer typed is plain text.
 */
final class WebhookPayloads {

    private WebhookPayloads() {
    }

    static String body(String format, AlertRequest alert, String link) {
        return "teams".equalsIgnoreCase(format) ? teams(alert, link) : slack(alert, link);
    }

    static String slack(AlertRequest alert, String link) {
        String summary = escapeSlack(summary(alert));
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("text", summary + " <" + link + "|Open task>");
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", "*" + escapeSlack(title(alert)) + "*\n" + summary);
        if (alert.comment() != null) {
            ObjectNode quote = blocks.addObject();
            quote.put("type", "section");
            ObjectNode quoteText = quote.putObject("text");
            quoteText.put("type", "mrkdwn");
            quoteText.put("text", "> " + escapeSlack(alert.comment()).replace("\n", "\n> "));
        }
        ObjectNode actions = blocks.addObject();
        actions.put("type", "actions");
        ObjectNode button = actions.putArray("elements").addObject();
        button.put("type", "button");
        button.putObject("text").put("type", "plain_text").put("text", "Open task");
        button.put("url", link);
        return EventJson.mapper().writeValueAsString(root);
    }

    static String teams(AlertRequest alert, String link) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", title(alert)).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true);
        // the summary and the comment carry what a customer typed: a TextBlock would render its Markdown (a link
        // "[Call us](https://…)" in a comment would become a link in the manager's card); a TextRun is plain text
        plainText(body, summary(alert), false);
        if (alert.comment() != null) {
            plainText(body, "\u201C" + alert.comment() + "\u201D", true);
        }
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Reason", alert.reason());
        fact(facts, "Priority", alert.priority());
        fact(facts, "Score", alert.score() == null ? null : alert.metric() + " " + alert.score());
        fact(facts, "Account", alert.accountName());
        fact(facts, "Due", alert.dueAt() == null ? null : alert.dueAt().toString());
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open task").put("url", link);
        return EventJson.mapper().writeValueAsString(root);
    }

    /** A RichTextBlock of one TextRun: Adaptive Cards render no Markdown in a TextRun. */
    private static void plainText(ArrayNode body, String text, boolean subtle) {
        ObjectNode run = body.addObject().put("type", "RichTextBlock").putArray("inlines").addObject();
        run.put("type", "TextRun").put("text", text);
        if (subtle) {
            run.put("isSubtle", true);
        }
    }

    static String title(AlertRequest alert) {
        String what = switch (alert.kind()) {
            case OPENED -> "New follow-up task";
            case ESCALATED -> "Follow-up task overdue, escalated";
            case REMINDER -> "Next attempt due";
            case DIGEST -> "Daily digest";
        };
        return what + ": " + humanReason(alert.reason());
    }

    static String summary(AlertRequest alert) {
        StringBuilder text = new StringBuilder(title(alert));
        if (alert.contactName() != null) {
            text.append(" \u2013 ").append(alert.contactName());
        }
        if (alert.accountName() != null) {
            text.append(" (").append(alert.accountName()).append(')');
        }
        if (alert.score() != null) {
            text.append(", ").append(alert.metric()).append(' ').append(alert.score());
        }
        if (alert.comment() != null) {
            text.append(": \u201C").append(alert.comment()).append('\u201D');
        }
        return text.toString();
    }

    /** Slack's three control characters, escaped as its message formatting requires. */
    static String escapeSlack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String humanReason(String reason) {
        return reason == null ? "" : reason.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        if (value != null) {
            facts.addObject().put("title", title).put("value", value);
        }
    }
}
