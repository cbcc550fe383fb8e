/**
 * Firebreak's own pages, for everyone who may read incidents: the incidents, one incident with its timeline (and the
 * note form for responders), the postmortem archive and one postmortem, and the insights' charts. Server-rendered
 * with Thymeleaf over the features' published services, which decide who reads what; no SQL here (README, Pages).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pages",
    allowedDependencies = {"config", "incident", "alert", "postmortem"})
package io.firebreak.web;
