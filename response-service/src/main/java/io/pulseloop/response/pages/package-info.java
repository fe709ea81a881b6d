/**
 * The server-rendered public pages: the survey page with its one-click score, follow-up and extra questions, the
 * thank-you page, the unsubscribe page, and friendly localized 404/410 pages; no JavaScript anywhere.
 */
package io.pulseloop.response.pages;
