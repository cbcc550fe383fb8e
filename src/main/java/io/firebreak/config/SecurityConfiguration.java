package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Who may call what. {@code /engine-rest} and {@code /api} require HTTP basic authentication against Camunda's
 * identity service (engine authorization is enabled, so users act with their own permissions). The webapps keep
 * their own login; {@code /actuator/health} is the only thing open, {@code /actuator/prometheus} takes a scrape
 * token. Every answer says {@code nosniff}, and failed logins are throttled per client address (README, Security).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** First of all filters, for every dispatch, so no answer goes out without it. */
  @Bean
  FilterRegistrationBean<ContentTypeOptionsFilter> contentTypeOptions() {
    var registration = new FilterRegistrationBean<>(new ContentTypeOptionsFilter());
    registration.setName("firebreak-content-type-options");
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.FORWARD,
        DispatcherType.INCLUDE, DispatcherType.ASYNC);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  LoginThrottle loginThrottle(@Value("${firebreak.login-throttle.failures-per-user:5}") int perUser,
                              @Value("${firebreak.login-throttle.failures-per-address:20}") int perAddress,
                              @Value("${firebreak.login-throttle.window:PT1M}") Duration window) {
    return new LoginThrottle(perUser, perAddress, window, Clock.systemUTC());
  }

  /** Before the authentication filters and the webapps' login, so a throttled attempt checks no password. */
  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottling(LoginThrottle throttle, ObjectMapper json,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    var registration = new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, json, webappPath));
    registration.setName("firebreak-login-throttle");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", webappPath + "/api/admin/auth/user/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("firebreak-engine-rest-authentication");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  /** Prometheus scrapes with a bearer token of its own, not as a Firebreak user (README, Metrics). */
  @Bean
  FilterRegistrationBean<MetricsTokenFilter> metricsAuthentication(ObjectMapper json,
      @Value("${firebreak.metrics.token:}") String token) {
    var registration = new FilterRegistrationBean<>(new MetricsTokenFilter(token, json));
    registration.setName("firebreak-metrics-authentication");
    registration.addUrlPatterns("/actuator/*");
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService, ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService, json));
    registration.setName("firebreak-api-authentication");
    registration.addUrlPatterns("/api/*");
    return registration;
  }
}
