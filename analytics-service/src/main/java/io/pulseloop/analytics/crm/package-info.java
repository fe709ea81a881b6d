/** What analytics keeps of the CRM: contacts (account, tier, names until erased) and won deals. */
package io.pulseloop.analytics.crm;
