package io.firebreak.config;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Firebreak's users are Camunda's: Spring Security's HTTP basic on {@code /api/**} hands the user name and password it
 * read to this provider, which checks the password with Camunda's identity service and loads the user's groups and
 * tenants, as the engine needs them for its authorizations ({@link ApiAuthenticationFilter}).
 */
class FirebreakUsers implements AuthenticationProvider {

  private final IdentityService identityService;

  FirebreakUsers(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Who a request acts as: the user and what the engine's authorizations look at. */
  record FirebreakUser(String id, List<String> groups, List<String> tenants) implements java.io.Serializable {
  }

  /** The password does not belong to that user name, or there is no such user. */
  static final class WrongPassword extends BadCredentialsException {
    WrongPassword() {
      super("wrong user name or password");
    }
  }

  @Override
  public Authentication authenticate(Authentication attempt) throws AuthenticationException {
    String user = attempt.getName();
    Object credentials = attempt.getCredentials();
    if (user == null || user.isEmpty()) {
      // As a header without a colon: no user name to check a password for.
      throw new BadCredentialsException("no user name");
    }
    if (user.indexOf('\0') >= 0 || !(credentials instanceof String password)) {
      // No user id holds a NUL, and PostgreSQL refuses to compare one: no such user, rather than a failed query.
      throw new WrongPassword();
    }
    if (!identityService.checkPassword(user, password)) {
      throw new WrongPassword();
    }
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    List<String> tenants = identityService.createTenantQuery().userMember(user).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    return UsernamePasswordAuthenticationToken.authenticated(new FirebreakUser(user, groups, tenants), null,
        groups.stream().map(SimpleGrantedAuthority::new).toList());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
