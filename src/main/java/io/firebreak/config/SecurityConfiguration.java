package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Who may call what. {@code /engine-rest} and {@code /api} require HTTP basic authentication against Camunda's
 * identity service (engine authorization is enabled, so users act with their own permissions): {@code /engine-rest}
 * through Camunda's own filter, {@code /api} through Spring Security. The webapps keep their own login;
 * Firebreak's pages take the same HTTP basic as {@code /api}, their forms a CSRF token;
 * {@code /actuator/health} is the only thing open, {@code /actuator/prometheus} takes a scrape token. Every answer says
 * {@code nosniff}, and failed logins are throttled per client address (README, Security).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** The bean Spring Boot registers Spring Security's filter with (SecurityFilterAutoConfiguration). */
  static final String SPRING_SECURITY_REGISTRATION = "securityFilterChainRegistration";

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
    RequestPaths.PAGES.forEach(page -> registration.addUrlPatterns(page + "/*"));
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

  /** A bean, so Spring Boot makes no user of its own with a generated password. */
  @Bean
  FirebreakUsers firebreakUsers(IdentityService identityService) {
    return new FirebreakUsers(identityService);
  }

  /**
   * {@code /api/**} for Firebreak users: Spring Security's HTTP basic, checked by {@link FirebreakUsers} alone (no
   * fallback to another user store), stateless (no session, so no cookie a browser could send by itself: no CSRF
   * tokens needed). No headers of Spring Security's: {@code nosniff} comes from our own filter, and the API's answers
   * are the same as without Spring Security. The alert intake and the webhooks are not in this chain
   * ({@link RequestPaths#needsFirebreakUser}): a user's credentials there are not checked, as before.
   */
  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, FirebreakUsers users, IdentityService identityService, ObjectMapper json)
      throws Exception {
    var unauthorized = new ApiAuthenticationEntryPoint(json);
    return http
        .securityMatcher(RequestPaths::needsFirebreakUser)
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("Firebreak").authenticationEntryPoint(unauthorized))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
        .authenticationManager(new ProviderManager(users))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .addFilterAfter(new ApiAuthenticationFilter(identityService), AuthorizationFilter.class)
        .build();
  }

  /**
   * Firebreak's pages ({@link RequestPaths#PAGES}, package {@code web}) for Firebreak users: the same HTTP basic and
   * user store as {@code /api} (a browser asks for the credentials with its own dialog; scripts and checks send them),
   * so the pages read with the same user, groups and engine authentication ({@link ApiAuthenticationFilter}). A
   * browser keeps sending basic credentials by itself, also with a form another site posts: the pages' forms carry
   * Spring Security's CSRF token, kept in a cookie (no session), and a POST without it is a 403. Its own order and
   * matcher leave room for a sign-in page with OpenID Connect in front of the same pages later.
   */
  @Bean
  @Order(1)
  SecurityFilterChain pages(HttpSecurity http, FirebreakUsers users, IdentityService identityService)
      throws Exception {
    var unauthorized = new PageAuthenticationEntryPoint();
    return http
        .securityMatcher(RequestPaths::isPage)
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("Firebreak").authenticationEntryPoint(unauthorized))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
        .authenticationManager(new ProviderManager(users))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository()))
        // nosniff comes from our own filter; the rest of Spring Security's headers suit pages (no framing, no caching)
        .headers(headers -> headers.contentTypeOptions(HeadersConfigurer.ContentTypeOptionsConfig::disable))
        .logout(AbstractHttpConfigurer::disable)
        .addFilterAfter(PageCsrfToken::writeCookieBeforeTheBody, CsrfFilter.class)
        .addFilterAfter(new ApiAuthenticationFilter(identityService), AuthorizationFilter.class)
        .build();
  }

  /**
   * Spring Security's firewall, for {@code /api/*} (below): what it refuses is a 400 in the API's JSON. It allows what
   * Tomcat has already taken care of before the request gets here: {@code //} is merged into {@code /} before the
   * request is mapped, and the chain decides by that mapped path; header and parameter names and values were parsed
   * by Tomcat, and refusing one only where some code reads it would surface as a 500 there.
   */
  @Bean
  WebSecurityCustomizer apiFirewall(ObjectMapper json) {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowUrlEncodedDoubleSlash(true);
    firewall.setAllowedHeaderNames(name -> true);
    firewall.setAllowedHeaderValues(value -> true);
    firewall.setAllowedParameterNames(name -> true);
    firewall.setAllowedParameterValues(value -> true);
    return web -> web.httpFirewall(firewall).requestRejectedHandler(new ApiRequestRejected(json));
  }

  /**
   * Spring Security's filter sees {@code /api} and the pages only (Spring Boot registers it for every path): the webapps keep their
   * own login, sessions and CSRF, {@code /engine-rest} Camunda's filter, {@code /actuator} the scrape token, and none
   * of them meets Spring Security's firewall. Its order stays Spring Boot's, after the login throttle.
   */
  @Bean
  static BeanPostProcessor springSecurityForTheApiOnly() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof DelegatingFilterProxyRegistrationBean registration
            && name.equals(SPRING_SECURITY_REGISTRATION)) {
          List<String> patterns = new java.util.ArrayList<>(List.of("/api/*"));
          RequestPaths.PAGES.forEach(page -> patterns.add(page + "/*"));
          registration.setUrlPatterns(patterns);
        }
        return bean;
      }
    };
  }

  /** No timers of Spring Security's in {@code /actuator/prometheus}: its metrics stay Firebreak's (README, Metrics). */
  @Bean
  SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }
}
