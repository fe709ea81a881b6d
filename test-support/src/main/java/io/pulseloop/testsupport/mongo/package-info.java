/** What a service asks MongoDB: {@link io.pulseloop.testsupport.mongo.MongoCommandRecorder} records the filters of its commands. */
package io.pulseloop.testsupport.mongo;
