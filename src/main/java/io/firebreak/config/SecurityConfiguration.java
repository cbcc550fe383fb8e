package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Who may call what. {@code /engine-rest} and {@code /api} require HTTP basic authentication against Camunda's
 * identity service (engine authorization is enabled, so users act with their own permissions). The webapps keep
 * their own login; {@code /actuator/health} is the only thing open. Every answer says {@code nosniff}.
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
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("firebreak-engine-rest-authentication");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
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
