package io.firebreak.config;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What every Firebreak installation needs in Camunda's identity service, created once and left alone afterwards:
 * the role groups with the authorizations to work in Tasklist, and task filters. With
 * {@code firebreak.demo.users=true} (the demo profile) also one demo user per role.
 */
@Component
class IdentitySetup {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  private static final String VIEWERS = FirebreakGroups.INCIDENT_VIEWERS;

  /** Demo user id, first name, last name, groups. Passwords equal the ids. */
  static final List<Object[]> DEMO_USERS = List.of(
      new Object[] {"frida", "Frida", "First-Responder", List.of(FirebreakGroups.FIRST_RESPONDERS, VIEWERS)},
      new Object[] {"ivan", "Ivan", "Incident-Manager", List.of(FirebreakGroups.FIRST_RESPONDERS, FirebreakGroups.INCIDENT_MANAGERS, VIEWERS)},
      new Object[] {"lena", "Lena", "Postmortem-Lead", List.of(FirebreakGroups.FIRST_RESPONDERS, FirebreakGroups.POSTMORTEM_LEADS, VIEWERS)},
      new Object[] {"carla", "Carla", "Communications-Manager", List.of(FirebreakGroups.FIRST_RESPONDERS, FirebreakGroups.COMMUNICATIONS_MANAGERS, VIEWERS)},
      new Object[] {"dora", "Dora", "Domain-Expert", List.of(FirebreakGroups.FIRST_RESPONDERS, FirebreakGroups.DOMAIN_EXPERTS, VIEWERS)},
      new Object[] {"dan", "Dan", "Domain-Expert", List.of(FirebreakGroups.FIRST_RESPONDERS, FirebreakGroups.DOMAIN_EXPERTS, VIEWERS)},
      // Reads incidents and postmortems, takes no part in them.
      new Object[] {"vera", "Vera", "Viewer", List.of(VIEWERS)},
      // Owns the models, takes no part in incidents: reads none (no viewer).
      new Object[] {"paula", "Paula", "Process-Owner", List.of(FirebreakGroups.PROCESS_OWNERS)});

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final org.camunda.bpm.engine.TaskService taskService;
  private final boolean demoUsers;
  private final String adminUser;
  private final StartupLock startupLock;

  IdentitySetup(IdentityService identityService, AuthorizationService authorizationService, FilterService filterService,
                org.camunda.bpm.engine.TaskService taskService,
                @Value("${firebreak.demo.users:false}") boolean demoUsers,
                @Value("${camunda.bpm.admin-user.id:}") String adminUser, StartupLock startupLock) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.demoUsers = demoUsers;
    this.adminUser = adminUser;
    this.startupLock = startupLock;
  }

  /** Under the {@link StartupLock} the engine took at its start, so nodes starting together create nothing twice. */
  @EventListener(ApplicationReadyEvent.class)
  public void setUp() {
    startupLock.acquire();
    try {
      createEverything();
    } finally {
      startupLock.release();
    }
  }

  private void createEverything() {
    for (String[] group : FirebreakGroups.ALL) {
      createGroup(group[0], group[1]);
      grantRoleGroup(group[0]);
    }
    createGroup(FirebreakGroups.PROCESS_OWNERS, "Process Owners");
    createGroup(FirebreakGroups.INCIDENT_VIEWERS, "Incident Viewers");
    grantProcessOwners(FirebreakGroups.PROCESS_OWNERS);
    createFilters();
    if (demoUsers) {
      for (Object[] user : DEMO_USERS) {
        @SuppressWarnings("unchecked")
        List<String> groups = (List<String>) user[3];
        createUser((String) user[0], (String) user[1], (String) user[2], groups);
      }
      if (!adminUser.isBlank()) {
        for (String[] group : FirebreakGroups.ALL) {
          addMembership(adminUser, group[0]);
        }
        addMembership(adminUser, FirebreakGroups.INCIDENT_VIEWERS);
      }
    }
  }

  private void createGroup(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identityService.newGroup(id);
    group.setName(name);
    group.setType("WORKFLOW");
    identityService.saveGroup(group);
    log.info("Created group {}", id);
  }

  /**
   * Enough to work on incidents in Tasklist: start them, see and complete tasks. No reading of other users: the role
   * pickers get their people from the server ({@code People}), and each user may read herself (Camunda grants that
   * when it creates a user). Installations before this had {@code USER * READ}, which lists everyone's e-mail
   * address: it is revoked.
   */
  private void grantRoleGroup(String group) {
    grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(group, Resources.PROCESS_DEFINITION, "incident", Permissions.READ, Permissions.CREATE_INSTANCE);
    grant(group, Resources.PROCESS_DEFINITION, "postmortem", Permissions.READ);
    grant(group, Resources.PROCESS_DEFINITION, "action-item", Permissions.READ);
    grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.CREATE_INSTANCE);
    grant(group, Resources.GROUP, "*", Permissions.READ);
    grant(group, Resources.FILTER, "*", Permissions.READ);
    revoke(group, Resources.USER, "*");
  }

  /**
   * What Camunda Modeler's Deploy button needs ({@code POST /engine-rest/deployment/create}; its connection check
   * lists deployments), and Cockpit to see the deployed definitions. No task, instance or variable rights: owning the
   * model is not taking part in incidents. Deploying runs the model's expressions inside Firebreak, so membership is
   * as powerful as the administrator's (README, Security).
   */
  private void grantProcessOwners(String group) {
    grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(group, Resources.DEPLOYMENT, "*", Permissions.CREATE, Permissions.READ);
    grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ);
    grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    boolean exists = authorizationService.createAuthorizationQuery()
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).count() > 0;
    if (exists) {
      return;
    }
    Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }

  /** Removes a group's grant on a resource that earlier versions created, if it is still there. */
  private void revoke(String group, Resource resource, String resourceId) {
    for (Authorization authorization : authorizationService.createAuthorizationQuery()
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).list()) {
      authorizationService.deleteAuthorization(authorization.getId());
      log.info("Revoked the grant on {} {} of group {}", resource.resourceName(), resourceId, group);
    }
  }

  private void createFilters() {
    createFilter("My tasks", -10, "Tasks assigned to me",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    createFilter("My group tasks", -5, "Unclaimed tasks for my groups",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned());
    createFilter("All incident tasks", 0, "Every open task of every incident",
        taskService.createTaskQuery().processDefinitionKey("incident"));
  }

  private void createFilter(String name, int priority, String description, TaskQuery query) {
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filterService.newTaskFilter(name);
    filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true));
    filter.setQuery(query);
    filterService.saveFilter(filter);
  }

  private void createUser(String id, String firstName, String lastName, List<String> groups) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(id + "@firebreak.example");
      user.setPassword(id);
      identityService.saveUser(user);
      log.info("Created demo user {} (password {})", id, id);
    }
    for (String group : groups) {
      addMembership(id, group);
    }
  }

  private void addMembership(String user, String group) {
    if (identityService.createUserQuery().userId(user).memberOfGroup(group).count() == 0
        && identityService.createUserQuery().userId(user).count() == 1) {
      identityService.createMembership(user, group);
    }
  }
}
