/** SMTP capture on port 1025, messages kept on disk, read through a Mailpit-compatible API and an inbox page on 8025. */
package io.pulseloop.localstack.mail;
