package io.firebreak.integration;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

class OnSettingCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    var attributes = metadata.getAnnotationAttributes(ConditionalOnSetting.class.getName());
    if (attributes == null) {
      return false;
    }
    for (String name : (String[]) attributes.get("value")) {
      if (!StringUtils.hasText(context.getEnvironment().getProperty(name))) {
        return false;
      }
    }
    return true;
  }
}
