package io.firebreak.incident;

/**
 * Where {@code processes/incident.bpmn} and the code meet: its key, messages, element ids and variable names.
 * A renamed id breaks the compile and the process tests, not production.
 */
public final class IncidentProcess {

  public static final String KEY = "incident";
  /** {@code processes/incident-note.bpmn}: a responder's note goes to the incident's channel, retried. */
  public static final String NOTE_KEY = "incident-note";
  /**
   * {@code processes/incident-roles-changed.bpmn}: a role changed outside the incident's own tasks (chat's
   * {@code /incident role cm}) is announced in the incident's channel, retried.
   */
  public static final String ROLES_CHANGED_KEY = "incident-roles-changed";

  private IncidentProcess() {
  }

  public static final class Messages {
    public static final String ALERT_RECEIVED = "AlertReceived";
    public static final String POSTMORTEM_PUBLISHED = "PostmortemPublished";
    public static final String ALERT_RECOVERED = "AlertRecovered";
    /** A firing alert within the reopen window after the resolution: the incident goes back into the Fix. */
    public static final String INCIDENT_REOPENED = "IncidentReopened";

    private Messages() {
    }
  }

  public static final class Elements {
    public static final String NOTE_ADDED = "StartEvent_NoteAdded";
    public static final String POST_NOTE = "ServiceTask_PostNote";
    public static final String NOTE_IN_CHANNEL = "EndEvent_NoteInChannel";
    public static final String ROLES_CHANGED = "StartEvent_RolesChanged";
    public static final String TELL_CHANNEL_ROLES_CHANGED = "ServiceTask_TellChannelRolesChanged";
    public static final String CHANNEL_TOLD_OF_ROLES = "EndEvent_ChannelToldOfRoles";
    public static final String START_ALERT_RECEIVED = "StartEvent_AlertReceived";
    public static final String START_INCIDENT_DECLARED = "StartEvent_IncidentDeclared";
    public static final String TRIAGE_EVENT = "BusinessRuleTask_TriageEvent";
    public static final String EVALUATE_EVENT = "UserTask_EvaluateEvent";
    public static final String EVENT_IGNORED = "EndEvent_EventIgnored";
    public static final String EVENT_DISMISSED = "EndEvent_EventDismissed";
    public static final String NO_INCIDENT = "EndEvent_NoIncident";
    public static final String RECORD_INCIDENT = "ServiceTask_RecordIncident";
    public static final String OPEN_CHAT_CHANNEL = "ServiceTask_OpenChatChannel";
    public static final String OPEN_BRIDGE = "ServiceTask_OpenBridge";
    public static final String CREATE_INCIDENT_TICKET = "ServiceTask_CreateIncidentTicket";
    public static final String PAGE_ON_CALL = "ServiceTask_PageOnCall";
    public static final String SHARE_INCIDENT_LINKS = "ServiceTask_ShareIncidentLinks";
    public static final String LINK_INCIDENT_TICKET = "ServiceTask_LinkIncidentTicket";
    public static final String CHANNELS_OPENED = "EndEvent_ChannelsOpened";
    /** Thrown once the channel's step has run: the announcement of the resolution waits for it. */
    public static final String CHAT_CHANNEL_OPEN = "ThrowEvent_ChatChannelOpen";
    public static final String CHANNELS_READY = "EndEvent_ChannelsReady";
    /** Thrown once the ticket's step has run: closing the ticket waits for it. */
    public static final String INCIDENT_TICKET_CREATED = "ThrowEvent_IncidentTicketCreated";
    public static final String TAKE_INCIDENT_MANAGER_ROLE = "UserTask_TakeIncidentManagerRole";
    public static final String INCIDENT_MANAGER_IN_CHARGE = "ThrowEvent_IncidentManagerInCharge";
    public static final String APPOINT_ROLES = "UserTask_AppointRoles";
    public static final String INTRODUCE_RESPONSE_TEAM = "ServiceTask_IntroduceResponseTeam";
    public static final String ACKNOWLEDGE_ALERT = "ServiceTask_AcknowledgeAlert";
    /** In front of the Fix: entered once the team is assembled, and again when the incident is reopened. */
    public static final String INTO_FIX = "Gateway_IntoFix";
    public static final String FIX = "SubProcess_Fix";
    public static final String DECIDE_COMMUNICATION = "BusinessRuleTask_DecideCommunication";
    public static final String LEAD_THE_FIX = "UserTask_LeadTheFix";
    public static final String STATUS_UPDATE_DUE = "Timer_StatusUpdateDue";
    public static final String REMIND_INCIDENT_MANAGER = "ServiceTask_RemindIncidentManager";
    public static final String SHARE_STATUS_UPDATE = "SubProcess_ShareStatusUpdate";
    public static final String POST_STATUS_UPDATE = "ServiceTask_PostStatusUpdate";
    public static final String PUBLISH_EXTERNAL_UPDATE = "UserTask_PublishExternalUpdate";
    public static final String UPDATE_STATUS_PAGE = "ServiceTask_UpdateStatusPage";
    /** Ends Fix's rounds and starts Resolve, while the last round's updates are still shared. */
    public static final String READY_TO_RESOLVE_END = "EndEvent_ReadyToResolve";
    public static final String UPDATES_SHARED = "EndEvent_UpdatesShared";
    /** Multi-instance over the Domain Experts: each one's "Share findings", offered again until the Fix is over. */
    public static final String SHARE_FINDINGS_ROUNDS = "SubProcess_ShareFindings";
    public static final String SHARE_FINDINGS = "UserTask_ShareFindings";
    public static final String POST_FINDINGS = "ServiceTask_PostFindings";
    /** Thrown on the way to Resolve (ready to resolve or ended early): the Domain Experts' tasks end. */
    public static final String FIX_OVER = "ThrowEvent_FixOver";
    /** Thrown when Lead the fix changed the Domain Experts: their tasks are offered anew to the experts now appointed. */
    public static final String DOMAIN_EXPERTS_CHANGED = "ThrowEvent_DomainExpertsChanged";
    public static final String CONFIRM_RESOLUTION = "UserTask_ConfirmResolution";
    /** Thrown once the resolution is confirmed: Improve starts, informing and the announcement go on beside it. */
    public static final String INCIDENT_RESOLVED = "ThrowEvent_IncidentResolved";
    public static final String STAKEHOLDERS_INFORMED = "EndEvent_StakeholdersInformed";
    public static final String RESOLVE_STATUS_PAGE = "ServiceTask_ResolveStatusPage";
    /** Waits for the resolution and for the channel's step (open or not configured), then announces. */
    public static final String CHANNEL_READY_FOR_ANNOUNCEMENT = "Gateway_ChannelReadyForAnnouncement";
    public static final String ANNOUNCE_RESOLUTION = "ServiceTask_AnnounceResolution";
    /** A resolution after a reopening is announced at once: the channel's step has run before. */
    public static final String RESOLVED_BEFORE = "Gateway_ResolvedBefore";
    public static final String RESOLUTION_ANNOUNCED = "EndEvent_ResolutionAnnounced";
    public static final String EMAIL_STAKEHOLDERS = "ServiceTask_EmailStakeholders";
    public static final String CLOSE_ALERT = "ServiceTask_CloseAlert";
    public static final String APPLY_SEVERITY = "ServiceTask_ApplySeverity";
    public static final String ENDED_EARLY = "Gateway_EndedEarly";
    /** A false alarm or a duplicate goes to Improve at once; a resolved incident waits out the reopen window first. */
    public static final String ENDED_WITHOUT_FIX = "Gateway_EndedWithoutFix";
    /** Waits for the first of: a firing alert reopening the incident, or the end of the reopen window. */
    public static final String REOPENED_WITHIN_WINDOW = "Gateway_ReopenedWithinWindow";
    /** The message catch event the alert intake correlates {@link Messages#INCIDENT_REOPENED} to. */
    public static final String INCIDENT_REOPENED = "CatchEvent_IncidentReopened";
    /** The reopen window: its timer's duration (PT1H) is the rule a process owner changes in Modeler. */
    public static final String REOPEN_WINDOW_OVER = "Timer_ReopenWindowOver";
    public static final String ANNOUNCE_REOPENING = "ServiceTask_AnnounceReopening";
    public static final String REOPENING_ANNOUNCED = "EndEvent_ReopeningAnnounced";
    public static final String DECIDE_POSTMORTEM = "BusinessRuleTask_DecidePostmortem";
    public static final String POSTMORTEM_NEEDED = "Gateway_PostmortemNeeded";
    public static final String START_POSTMORTEM = "ServiceTask_StartPostmortem";
    public static final String POSTMORTEM_PUBLISHED = "CatchEvent_PostmortemPublished";
    public static final String CLOSE_INCIDENT = "ServiceTask_CloseIncident";
    /** Waits for Improve (our record closed) and for the ticket's step, then closes the ticket. */
    public static final String TICKET_READY_FOR_CLOSING = "Gateway_TicketReadyForClosing";
    public static final String CLOSE_INCIDENT_TICKET = "ServiceTask_CloseIncidentTicket";
    public static final String INCIDENT_CLOSED = "EndEvent_IncidentClosed";
    public static final String SOURCE_RECOVERED = "StartEvent_SourceRecovered";
    public static final String NOTICE_SOURCE_RECOVERY = "ServiceTask_NoticeSourceRecovery";

    private Elements() {
    }
  }

  /** Process variable names. Form field keys in {@code forms/} use the same names. */
  public static final class Variables {
    public static final String INCIDENT_KEY = "incidentKey";
    /** The note to post ({@code incident-note}): its author and its text, as the timeline has them. */
    public static final String NOTE_AUTHOR = "noteAuthor";
    public static final String NOTE_TEXT = "noteText";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String SEVERITY = "severity";
    public static final String SEVERITY_HINT = "severityHint";
    public static final String IMPACT = "impact";
    public static final String CUSTOMER_FACING = "customerFacing";
    public static final String PRODUCT = "product";
    public static final String ENVIRONMENT = "environment";
    public static final String SOURCE = "source";
    public static final String DECLARED_BY = "declaredBy";
    public static final String ALERT_FINGERPRINT = "alertFingerprint";
    public static final String ALERT_URL = "alertUrl";
    /** When the alert says its problem began (a date), for the incident's detection time; absent when it does not. */
    public static final String ALERT_STARTED_AT = "alertStartedAt";
    /** An alert split off this incident by its Incident Manager started the process: that incident's key. */
    public static final String SPLIT_OFF = "splitOff";
    /** Who split the alert off ({@link #SPLIT_OFF}). */
    public static final String SPLIT_OFF_BY = "splitOffBy";
    public static final String TRIAGE_ACTION = "triageAction";
    public static final String DECLARE_INCIDENT = "declareIncident";
    public static final String FIRST_RESPONDER = "firstResponder";
    public static final String INCIDENT_MANAGER = "incidentManager";
    public static final String COMMUNICATIONS_MANAGER = "communicationsManager";
    public static final String DOMAIN_EXPERTS = "domainExperts";
    public static final String STATUS = "status";
    public static final String STATUS_UPDATE = "statusUpdate";
    public static final String LAST_STATUS_UPDATE = "lastStatusUpdate";
    public static final String EXTERNAL_UPDATE_DRAFT = "externalUpdateDraft";
    public static final String AFFECTED_COMPONENTS = "affectedComponents";
    public static final String READY_TO_RESOLVE = "readyToResolve";
    public static final String STATUS_UPDATE_INTERVAL = "statusUpdateInterval";
    public static final String STATUS_PAGE_EXPECTED = "statusPageExpected";
    /** {@code postmortem-policy.dmn}'s answer: {@link #POSTMORTEM_REQUIRED}, {@link #POSTMORTEM_OPTIONAL} or none. */
    public static final String POSTMORTEM_POLICY = "postmortemPolicy";
    /** Confirm resolution's "Hold a postmortem": decides where the policy says optional. */
    public static final String POSTMORTEM_WANTED = "postmortemWanted";
    public static final String EMAIL_STAKEHOLDERS_EXPECTED = "stakeholderEmailExpected";
    public static final String RESOLUTION_SUMMARY = "resolutionSummary";
    public static final String FINAL_EXTERNAL_MESSAGE = "finalExternalMessage";
    /** Local to "Share the status update": the snapshot of one update while it is shared. */
    public static final String UPDATE = "update";
    public static final String UPDATE_STATUS = "updateStatus";
    public static final String EXTERNAL_UPDATE = "externalUpdate";
    public static final String UPDATE_COMPONENTS = "updateComponents";
    /** The role changes of one "Lead the fix" round, as people read them ("Incident Manager: ivan → dan"); or null. */
    public static final String ROLE_CHANGES = "roleChanges";
    public static final String UPDATE_ROLE_CHANGES = "updateRoleChanges";
    /** Element variable of "Share findings": the Domain Expert whose task it is. */
    public static final String EXPERT = "expert";
    /** Task-local fields of "Share findings". */
    public static final String FINDINGS = "findings";
    public static final String PROPOSED_MITIGATIONS = "proposedMitigations";
    /** The latest findings of each Domain Expert, read-only in Lead the fix. */
    public static final String FINDINGS_BY_EXPERT = "findingsByExpert";
    /** The findings just shared and by whom; "Post the findings" takes its own copy of them. */
    public static final String SHARED_FINDINGS = "sharedFindings";
    public static final String SHARED_BY = "sharedBy";
    /** Local to "Post the findings in the incident channel": one sharing's snapshot. */
    public static final String POSTED_FINDINGS = "postedFindings";
    public static final String POSTED_BY = "postedBy";
    /** Set by Lead the fix: this round changed who the Domain Experts are. */
    public static final String DOMAIN_EXPERTS_CHANGED = "domainExpertsChanged";
    /** Task-local list of people for the role pickers in forms. */
    public static final String PEOPLE = "people";
    /** What the alert's source said about recovery, shown to the Incident Manager and the evaluator. */
    public static final String SOURCE_RECOVERY = "sourceRecovery";
    /** Whether the Communications Manager published an external update, i.e. there is a status-page incident. */
    public static final String EXTERNAL_UPDATE_PUBLISHED = "externalUpdatePublished";
    /** Whether the on-call team was paged for this incident, i.e. there is a page to close at resolution. */
    public static final String ON_CALL_PAGED = "onCallPaged";
    /** Set once Lead the fix raised the severity: from then on a severity that pages pages alert-started incidents too. */
    public static final String SEVERITY_RAISED = "severityRaised";
    /** Lead the fix's "End the incident as": false-alarm or duplicate (with {@link #DUPLICATE_OF}); empty goes on. */
    public static final String END_AS = "endAs";
    public static final String DUPLICATE_OF = "duplicateOf";
    /** How the incident ended early (false-alarm, duplicate): Resolve skips Confirm resolution. */
    public static final String ENDED_AS = "endedAs";
    /** postmortem-policy.dmn's input: the incident was a false alarm. */
    public static final String FALSE_ALARM = "falseAlarm";
    /**
     * External updates the Communications Manager approved that are not on the status page yet: "Resolve the status
     * page incident" waits for them. Null counts as 0.
     */
    public static final String STATUS_PAGE_UPDATES_PENDING = "statusPageUpdatesPending";
    /**
     * Set when a firing alert reopened the incident: what reopened it, as "Tell the channel the incident is reopened"
     * says it. Its presence makes "Resolved before?" announce a later resolution at once.
     */
    public static final String REOPENED_BY = "reopenedBy";

    private Variables() {
    }
  }

  /** Values of {@link Variables#SOURCE} and {@link Variables#DECLARED_BY}. */
  public static final String POSTMORTEM_REQUIRED = "required";
  public static final String POSTMORTEM_OPTIONAL = "optional";
  public static final String POSTMORTEM_NONE = "none";
  public static final String SOURCE_MANUAL = "manual";
  public static final String DECLARED_BY_PERSON = "person";
  public static final String DECLARED_BY_ALERT = "alert";
}
