package io.firebreak.postmortem;

/** Where {@code processes/postmortem.bpmn} and {@code processes/action-item.bpmn} meet the code. */
public final class PostmortemProcess {

  public static final String KEY = "postmortem";
  public static final String ACTION_ITEM_KEY = "action-item";

  private PostmortemProcess() {
  }

  public static final class Elements {
    public static final String SCHEDULE_MEETING = "UserTask_SchedulePostmortemMeeting";
    public static final String INVITE_TO_MEETING = "ServiceTask_InviteToPostmortemMeeting";
    public static final String FILL_IN_PREPARATION_FORM = "UserTask_FillInPreparationForm";
    public static final String MEETING_TIME_REACHED = "BoundaryEvent_MeetingTimeReached";
    public static final String PREPARE_MEETING = "UserTask_PrepareMeeting";
    public static final String HOLD_MEETING = "UserTask_HoldPostmortemMeeting";
    public static final String MEETING_OVERDUE = "StartEvent_MeetingOverdue";
    public static final String FOLLOW_UP_OVERDUE_MEETING = "UserTask_FollowUpOverdueMeeting";
    public static final String FILE_ACTION_ITEMS = "ServiceTask_FileActionItems";
    public static final String WRITE_DOCUMENT = "ServiceTask_WritePostmortemDocument";
    public static final String OPEN_PULL_REQUEST = "ServiceTask_OpenPullRequest";
    public static final String PULL_REQUEST_CLOSED = "CatchEvent_PullRequestClosed";
    public static final String REVIEW_POSTMORTEM = "UserTask_ReviewPostmortem";
    public static final String REVISE_POSTMORTEM = "UserTask_RevisePostmortem";
    public static final String PUBLISH_POSTMORTEM = "ServiceTask_PublishPostmortem";
    public static final String UPDATE_POSTMORTEM_INDEX = "ServiceTask_UpdatePostmortemIndex";
    public static final String POSTMORTEM_PUBLISHED = "EndEvent_PostmortemPublished";
    public static final String IMPLEMENT_ACTION_ITEMS = "CallActivity_ImplementActionItems";
    public static final String ACTION_ITEMS_IMPLEMENTED = "EndEvent_ActionItemsImplemented";
    // action-item.bpmn
    public static final String IMPLEMENT_ACTION_ITEM = "UserTask_ImplementActionItem";
    public static final String WEEKLY_REMINDER = "BoundaryEvent_WeeklyReminder";
    public static final String REMIND_OWNER = "ServiceTask_RemindActionItemOwner";
    public static final String DONE_IN_JIRA = "BoundaryEvent_DoneInJira";
    public static final String DEADLINE_PASSED = "CatchEvent_DeadlinePassed";
    public static final String CHASE_OVERDUE_ACTION_ITEM = "UserTask_ChaseOverdueActionItem";

    private Elements() {
    }
  }

  public static final class Messages {
    public static final String PULL_REQUEST_CLOSED = "PostmortemPullRequestClosed";
    public static final String ACTION_ITEM_DONE_IN_JIRA = "ActionItemDoneInJira";

    private Messages() {
    }
  }

  public static final class Variables {
    /** Set by postmortems started before the rules moved into the model; newer ones compute it (see below). */
    public static final String MEETING_DEADLINE = "meetingDeadline";
    /** When the incident was resolved: the meeting deadline counts from here. */
    public static final String RESOLVED_AT = "resolvedAt";
    /** The model's rule (input of "Prepare and hold the postmortem meeting", ISO-8601, P14D): meeting this soon. */
    public static final String MEETING_WITHIN = "meetingWithin";
    /** The model's rule (input of "Prepare and hold the postmortem meeting", ISO-8601, PT1H30M): the timebox. */
    public static final String MEETING_TIMEBOX = "meetingTimebox";
    /** The model's rule (input of "Hold postmortem meeting", ISO-8601, P42D): important and urgent items' deadline. */
    public static final String ACTION_ITEM_DEADLINE = "actionItemDeadline";
    public static final String MEETING_AT = "meetingAt";
    public static final String MEETING_URL = "meetingUrl";
    public static final String INVITEES = "invitees";
    public static final String PREPARER = "preparer";
    public static final String WHAT_HAPPENED = "whatHappened";
    public static final String PERSONAL_TIMELINE = "personalTimeline";
    public static final String CONTRIBUTING_FACTORS = "contributingFactors";
    public static final String SUMMARY = "summary";
    public static final String IMPACT_DESCRIPTION = "impactDescription";
    public static final String ROOT_CAUSES = "rootCauses";
    public static final String ACTION_ITEMS = "actionItems";
    public static final String PULL_REQUEST_MERGED = "pullRequestMerged";
    /** The commit the review pull request was merged as (GitHub's merge_commit_sha): the published text is read there. */
    public static final String MERGED_COMMIT = "mergedCommit";
    public static final String POSTMORTEM_APPROVED = "postmortemApproved";
    public static final String REVIEW_COMMENTS = "reviewComments";
    public static final String ACTION_ITEM_ID = "actionItemId";
    public static final String ACTION_ITEM_OWNER = "actionItemOwner";
    public static final String ACTION_ITEM_DUE = "actionItemDue";
    /** Read by action-item.bpmn's forms: the item as agreed in the meeting, and its priority as people read it. */
    public static final String ACTION_ITEM_TITLE = "actionItemTitle";
    public static final String ACTION_ITEM_DESCRIPTION = "actionItemDescription";
    public static final String ACTION_ITEM_TICKET = "actionItemTicket";
    public static final String ACTION_ITEM_PRIORITY = "actionItemPriority";

    // Task-local, read-only texts the listeners give the forms.
    /** Schedule and overdue forms: when the meeting is due, as people read it. */
    public static final String MEETING_DUE = "meetingDue";
    /** Schedule form: the model's rules ("1.5 hours, at most 14 days after the resolution"). */
    public static final String MEETING_RULES = "meetingRules";
    /** Overdue form: the model's {@link #MEETING_WITHIN} as people read it ("14 days"). */
    public static final String MEETING_WITHIN_TEXT = "meetingWithinText";
    /** Prepare form: what everyone wrote in their preparation form, and who has not answered. */
    public static final String PREPARATION = "preparation";
    /** Prepare form: the meeting's time, as people read it. */
    public static final String MEETING_TIME = "meetingTime";
    /** Hold form: the meeting's timebox with its clock times ("1.5 hours: 10:00–11:30 UTC on …"). */
    public static final String TIMEBOX = "timebox";
    /** Hold form: the deadline of important and urgent action items ("within 42 days of the meeting"). */
    public static final String ACTION_ITEM_RULE = "actionItemRule";
    /** Review form: the document as it will be published. */
    public static final String POSTMORTEM_MARKDOWN = "postmortemMarkdown";
    /** Revise form: why the postmortem came back. */
    public static final String SENT_BACK_BECAUSE = "sentBackBecause";

    private Variables() {
    }
  }
}
