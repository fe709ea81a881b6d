/** Survey definitions: the model, the default surveys with their translations, validation, versioned storage and the staff CRUD API. */
package io.pulseloop.survey.definitions;
