package io.pulseloop.survey;

import io.pulseloop.testsupport.mail.SmtpTestServer;

/**
 * One GreenMail SMTP server for the whole test JVM, shared by every application context (the cached one and the
 * replicas some tests start). Not registered as a JUnit extension, which would stop it after the first test class.
 * Tests tell their mail apart by recipient: every contact id is unique.
 */
public final class SharedSmtp {

    public static final SmtpTestServer SERVER = SmtpTestServer.start();

    private SharedSmtp() {
    }
}
