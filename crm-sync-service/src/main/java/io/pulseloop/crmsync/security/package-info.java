/**
 * Who may call crm-sync: the platform's staff security (JWT bearer tokens in production, HTTP Basic admin/admin in
 * the local profile), with the CRM webhook open because its signature authenticates it.
 */
package io.pulseloop.crmsync.security;
