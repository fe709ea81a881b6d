/** Rate limits of the public endpoints: a token bucket per client address and per invitation token, and a clear 429. */
package io.pulseloop.response.ratelimit;
