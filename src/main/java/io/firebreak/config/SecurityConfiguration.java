package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
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
 * through Camunda's own filter, {@code /api} through Spring Security. The webapps keep their own login, and with an IdP
 * also take its sign-in ({@link WebappSignIn}); Firebreak's pages take the same HTTP basic as {@code /api}, their forms
 * a CSRF token;
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
   * Sign-in with OpenID Connect for the pages, when the IdP's issuer and Firebreak's client are configured (README,
   * Pages): {@code firebreak.oidc.issuer-uri}, {@code client-id}, {@code client-secret}, and optionally
   * {@code display-name}, {@code groups-claim} (default {@code groups}) and {@code group-mapping.<idp-group>}.
   */
  @Bean
  @ConditionalOnProperty(prefix = "firebreak.oidc", name = {"issuer-uri", "client-id", "client-secret"})
  OidcSignIn oidcSignIn(Environment environment,
                        @Value("${firebreak.oidc.issuer-uri}") String issuer,
                        @Value("${firebreak.oidc.client-id}") String clientId,
                        @Value("${firebreak.oidc.client-secret}") String clientSecret,
                        @Value("${firebreak.oidc.display-name:}") String displayName,
                        @Value("${firebreak.oidc.groups-claim:groups}") String groupsClaim) {
    Map<String, String> mapping = Binder.get(environment)
        .bind("firebreak.oidc.group-mapping", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    return new OidcSignIn(issuer, clientId, clientSecret, displayName, groupsClaim, mapping);
  }

  /**
   * With OpenID Connect, the Camunda webapps take the pages' IdP sign-in ({@link WebappSignIn}): an employee signed in
   * with the IdP is the same Camunda user in Tasklist, Cockpit and Admin; everyone else gets the webapps' login form.
   * Inside the 503 of an unreachable database ({@link TryAgainLaterFilter}) and the webapps' outage answer
   * ({@link WebappOutageFilter}), before Camunda's own filters (registered last), which read the session it fills.
   */
  @Bean
  @ConditionalOnProperty(prefix = "firebreak.oidc", name = {"issuer-uri", "client-id", "client-secret"})
  FilterRegistrationBean<WebappSignIn> webappSignIn(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    var registration = new FilterRegistrationBean<>(new WebappSignIn());
    registration.setName("firebreak-webapp-sign-in");
    registration.addUrlPatterns(webappPath + "/app/*", webappPath + "/api/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 102);
    return registration;
  }

  /**
   * Firebreak's pages ({@link RequestPaths#PAGES}, package {@code web}) for Firebreak users: the same HTTP basic and
   * user store as {@code /api} (scripts and checks send them), so the pages read with the same user, groups and engine
   * authentication ({@link ApiAuthenticationFilter}). With OpenID Connect configured ({@link OidcSignIn}) a browser
   * without credentials is sent to {@code /sign-in} and signs in at the IdP ({@link OidcUsers} makes the Firebreak user
   * of it); that sign-in lives in the servlet session (HttpOnly, SameSite=Lax), basic auth never makes one. Without an
   * IdP the chain is stateless and a browser asks for the credentials with its own dialog. A browser keeps sending
   * basic credentials and the session cookie by itself, also with a form another site posts: the pages' forms carry
   * Spring Security's CSRF token, kept in a cookie, and a POST without it is a 403. The IdP's sign-in ends with the
   * pages' sign-out ({@link RequestPaths#SIGN_OUT}, a POST with the token): the session goes, and with it the webapps'
   * sign-in ({@link WebappSignIn}).
   */
  @Bean
  @Order(1)
  SecurityFilterChain pages(HttpSecurity http, FirebreakUsers users, IdentityService identityService,
                            ObjectProvider<OidcSignIn> oidcSignIn) throws Exception {
    OidcSignIn oidc = oidcSignIn.getIfAvailable();
    var unauthorized = new PageAuthenticationEntryPoint(oidc != null);
    http
        .securityMatcher(request -> RequestPaths.isPage(request) || RequestPaths.isSignIn(request))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(request -> RequestPaths.of(request).equals(RequestPaths.SIGN_IN)).permitAll()
            .anyRequest().authenticated())
        // basic auth keeps the user for the request alone, with or without an IdP: a script never gets a session
        .httpBasic(basic -> basic.realmName("Firebreak").authenticationEntryPoint(unauthorized)
            .securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
        .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository()))
        // nosniff comes from our own filter; the rest of Spring Security's headers suit pages (no framing, no caching)
        .headers(headers -> headers.contentTypeOptions(HeadersConfigurer.ContentTypeOptionsConfig::disable))
        .addFilterAfter(PageCsrfToken::writeCookieBeforeTheBody, CsrfFilter.class)
        .addFilterAfter(new ApiAuthenticationFilter(identityService), AuthorizationFilter.class);
    if (oidc == null) {
      http
          .authenticationManager(new ProviderManager(users))
          .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
          .requestCache(AbstractHttpConfigurer::disable)
          // a browser keeps sending basic credentials until it is closed: nothing a sign-out could end
          .logout(AbstractHttpConfigurer::disable);
    } else {
      // the chain's manager: basic's passwords by FirebreakUsers, and the providers oauth2Login adds for the IdP's code;
      // no parent (Spring's global manager holds FirebreakUsers too: a wrong password would be checked twice)
      http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
      http
          .authenticationProvider(users)
          .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
          .oauth2Login(login -> login
              .loginPage(RequestPaths.SIGN_IN)
              .clientRegistrationRepository(oidc)
              .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new OidcUsers(identityService, oidc)))
              .defaultSuccessUrl(RequestPaths.PAGES.get(0))
              .failureHandler(new SignInFailed()))
          // ends Firebreak's session (pages and webapps); the IdP's own session stays, as for every other application
          // (its handler stated: Spring Security would answer a request without Accept: text/html 204, as for a script)
          .logout(logout -> logout.logoutUrl(RequestPaths.SIGN_OUT).logoutSuccessHandler(signedOut()))
          .addFilterBefore(new OidcStart(oidc), OAuth2AuthorizationRequestRedirectFilter.class);
    }
    return http.build();
  }

  /** After the sign-out: the sign-in page, saying so. */
  private static org.springframework.security.web.authentication.logout.LogoutSuccessHandler signedOut() {
    var handler = new org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler();
    handler.setDefaultTargetUrl(RequestPaths.SIGN_IN + "?signed-out");
    return handler;
  }

  /**
   * A sign-in that failed (a forged or stale state, an unverified e-mail, the IdP refusing the code): back to the
   * sign-in page with a note, and for the admin the reason in the log (the browser is told none of it).
   */
  private static final class SignInFailed
      extends org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler {
    SignInFailed() {
      super(RequestPaths.SIGN_IN + "?error");
    }

    @Override
    public void onAuthenticationFailure(jakarta.servlet.http.HttpServletRequest request,
                                        jakarta.servlet.http.HttpServletResponse response,
                                        org.springframework.security.core.AuthenticationException failure)
        throws java.io.IOException, jakarta.servlet.ServletException {
      org.slf4j.LoggerFactory.getLogger(SignInFailed.class).warn("A sign-in with OpenID Connect failed: {}",
          failure.getMessage());
      super.onAuthenticationFailure(request, response, failure);
    }
  }

  /**
   * The first step of the sign-in when the IdP cannot be asked (its discovery document unreadable, or another
   * registration id than ours): back to the sign-in page with the note that it failed, instead of Spring Security's 500.
   */
  private static final class OidcStart extends org.springframework.web.filter.OncePerRequestFilter {
    private final OidcSignIn oidc;

    OidcStart(OidcSignIn oidc) {
      this.oidc = oidc;
    }

    @Override
    protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                                    jakarta.servlet.http.HttpServletResponse response,
                                    jakarta.servlet.FilterChain chain)
        throws jakarta.servlet.ServletException, java.io.IOException {
      String path = RequestPaths.of(request);
      if (path.startsWith(RequestPaths.OIDC_START)
          && oidc.findByRegistrationId(path.substring(RequestPaths.OIDC_START.length())) == null) {
        response.sendRedirect(request.getContextPath() + RequestPaths.SIGN_IN + "?error");
        return;
      }
      chain.doFilter(request, response);
    }
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
   * of them meets Spring Security's firewall. The webapps need no Spring Security to see an IdP sign-in: it is in the
   * servlet session they share with the pages, where {@link WebappSignIn} reads it. Its order stays Spring Boot's,
   * after the login throttle.
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
          patterns.addAll(List.of(RequestPaths.SIGN_IN, RequestPaths.SIGN_OUT, RequestPaths.OIDC_START + "*",
              RequestPaths.OIDC_CALLBACK + "*"));
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
