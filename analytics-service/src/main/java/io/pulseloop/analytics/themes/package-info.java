/** Comment themes (contract §6.2): the terms over-represented in a category's comments, per language. */
package io.pulseloop.analytics.themes;
