const { isAny } = require('bpmnlint-utils');

/**
 * Every asynchronous step retries by the shared cycle (FIREBREAK_RETRY_CYCLE) before it becomes a Cockpit incident:
 * a failing call outside Firebreak never ends as a lost step or as three quick retries.
 */
module.exports = function() {
  function check(node, reporter) {
    if (!isAny(node, ['bpmn:Activity', 'bpmn:Event', 'bpmn:Gateway']) || !(node.asyncBefore || node.asyncAfter)) {
      return;
    }
    const cycles = ((node.extensionElements && node.extensionElements.values) || [])
      .filter((element) => element.$type === 'camunda:FailedJobRetryTimeCycle');
    if (!cycles.length) {
      reporter.report(node.id, 'Asynchronous step has no retry cycle (camunda:failedJobRetryTimeCycle)');
    } else if ((cycles[0].body || '').trim() !== '${retryPolicy.cycle}') {
      reporter.report(node.id, 'Retry cycle must be ${retryPolicy.cycle}, the one FIREBREAK_RETRY_CYCLE sets');
    }
  }
  return { check };
};
