/** The small HTTP plumbing (JDK HttpServer) the mail and CRM stand-ins share: JSON and HTML answers, escaping. */
package io.pulseloop.localstack.http;
