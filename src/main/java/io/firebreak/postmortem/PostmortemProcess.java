package io.firebreak.postmortem;

/** Where {@code processes/postmortem.bpmn} and the code meet. */
public final class PostmortemProcess {

  public static final String KEY = "postmortem";

  private PostmortemProcess() {
  }

  public static final class Elements {
    public static final String WRITE_POSTMORTEM = "UserTask_WritePostmortem";
    public static final String PUBLISH_POSTMORTEM = "ServiceTask_PublishPostmortem";

    private Elements() {
    }
  }

  public static final class Variables {
    public static final String SUMMARY = "summary";
    public static final String IMPACT_DESCRIPTION = "impactDescription";
    public static final String ROOT_CAUSES = "rootCauses";
    public static final String ACTION_ITEMS = "actionItems";

    private Variables() {
    }
  }
}
