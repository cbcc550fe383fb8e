const { is } = require('bpmnlint-utils');

/** Every process says how long its history is kept; Camunda 7.24 refuses a deployment that does not. */
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:Process') && node.isExecutable && !String(node.historyTimeToLive || '').trim()) {
      reporter.report(node.id, 'Process has no history time-to-live (camunda:historyTimeToLive)');
    }
  }
  return { check };
};
