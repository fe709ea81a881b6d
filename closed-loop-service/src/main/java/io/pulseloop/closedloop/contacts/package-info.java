/** What the CRM last said about each contact that tasks need: names, account, tier, owner, locale, consent. */
package io.pulseloop.closedloop.contacts;
