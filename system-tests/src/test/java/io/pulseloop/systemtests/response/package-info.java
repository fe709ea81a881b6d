/** System tests of response-service run as its own process: answers while the broker is unreachable. */
package io.pulseloop.systemtests.response;
