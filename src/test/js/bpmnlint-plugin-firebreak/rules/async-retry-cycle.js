const { isAny } = require('bpmnlint-utils');

/**
 * Every asynchronous step retries by the shared cycle (FIREBREAK_RETRY_CYCLE) before it becomes a Cockpit incident:
 * a failing call outside Firebreak never ends as a lost step or as three quick retries. A step is asynchronous by
 * camunda:asyncBefore, camunda:asyncAfter or the older camunda:async, on the element itself or on its
 * multi-instance loop, whose jobs read the loop's own retry cycle.
 */
module.exports = function() {

  function isAsync(element) {
    return Boolean(element.asyncBefore || element.asyncAfter || element.async);
  }

  function check(node, reporter) {
    if (!isAny(node, ['bpmn:Activity', 'bpmn:Event', 'bpmn:Gateway'])) {
      return;
    }
    if (isAsync(node)) {
      checkCycle(node, node.id, 'Asynchronous step', reporter);
    }
    const loop = node.loopCharacteristics;
    if (loop && isAsync(loop)) {
      checkCycle(loop, node.id, 'Asynchronous multi-instance loop', reporter);
    }
  }

  return { check };
};

function checkCycle(element, id, what, reporter) {
  const cycles = ((element.extensionElements && element.extensionElements.values) || [])
    .filter((extension) => extension.$type === 'camunda:FailedJobRetryTimeCycle');
  if (!cycles.length) {
    reporter.report(id, `${what} has no retry cycle (camunda:failedJobRetryTimeCycle)`);
  } else if ((cycles[0].body || '').trim() !== '${retryPolicy.cycle}') {
    reporter.report(id, `${what}: the retry cycle must be \${retryPolicy.cycle}, the one FIREBREAK_RETRY_CYCLE sets`);
  }
}
