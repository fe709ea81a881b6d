/** What every staff API of the service shares: errors as problem+json naming the offending field. */
package io.pulseloop.survey.web;
