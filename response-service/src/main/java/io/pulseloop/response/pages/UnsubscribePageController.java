package io.pulseloop.response.pages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.unsubscribe.Unsubscriptions;

/**
 * {@code GET /u/{token}}: the unsubscribe page with one button (nothing happens on GET, so link scanners cannot
 * unsubscribe anyone). {@code POST /u/{token}}: the button (with its CSRF token), or the RFC 8058 one-click POST
 * with the body {@code List-Unsubscribe=One-Click}; both answer {@code 200} with the confirmation page.
 */
@Controller
class UnsubscribePageController {

    private final Unsubscriptions unsubscriptions;
    private final PageLanguages languages;
    private final SurveyPages pages;

    UnsubscribePageController(Unsubscriptions unsubscriptions, PageLanguages languages, SurveyPages pages) {
        this.unsubscriptions = unsubscriptions;
        this.languages = languages;
        this.pages = pages;
    }

    @GetMapping("/u/{token}")
    String page(@PathVariable String token, HttpServletRequest request, Model model) {
        Invitation invitation = unsubscriptions.invitation(token);
        String lang = languages.choose(request, invitation);
        model.addAttribute("unsubscribe", new UnsubscribePage(token, lang, pages.title(invitation, lang),
                invitation.unsubscribedAt() != null));
        return "unsubscribe";
    }

    @PostMapping("/u/{token}")
    String unsubscribe(@PathVariable String token,
            @RequestParam(name = "List-Unsubscribe", required = false) String listUnsubscribe,
            HttpServletRequest request, Model model) {
        Invitation invitation = unsubscriptions.unsubscribe(token, "One-Click".equals(listUnsubscribe));
        String lang = languages.choose(request, invitation);
        model.addAttribute("unsubscribe", new UnsubscribePage(token, lang, pages.title(invitation, lang), true));
        return "unsubscribed";
    }

    /** The unsubscribe pages' model. */
    record UnsubscribePage(String token, String lang, String title, boolean unsubscribed) {
    }
}
