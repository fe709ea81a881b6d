/** How the service's records are stored in its own MongoDB database: type conversions shared by every feature. */
package io.pulseloop.survey.storage;
