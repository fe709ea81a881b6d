/** The CRM stand-in of contract §9: records HubSpot-shaped contact PATCHes on disk and answers them back. */
package io.pulseloop.localstack.crm;
