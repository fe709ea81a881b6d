/** response-service: public survey pages, response intake and score events. */
package io.pulseloop.response;
