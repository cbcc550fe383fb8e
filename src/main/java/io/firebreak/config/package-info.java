/**
 * The application's shared infrastructure, used by every feature and using none: the database, security (API
 * authentication, login throttle, metrics token), the error format of the API ({@link io.firebreak.config.ApiProblem}),
 * input hygiene ({@link io.firebreak.config.Texts}, NUL-free input, body limits), "try again later" answers while
 * the database is away, and the node's locks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared infrastructure", allowedDependencies = {})
package io.firebreak.config;
