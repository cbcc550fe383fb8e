const { is } = require('bpmnlint-utils');
const { checkFormReference } = require('./forms');

/**
 * A process that people start from Tasklist asks them for its input: its blank start event has a form of forms/.
 * Processes only the engine starts say so with camunda:isStartableInTasklist="false".
 */
module.exports = function() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:StartEvent') || (node.eventDefinitions || []).length) {
      return;
    }
    const parent = node.$parent;
    if (is(parent, 'bpmn:Process') && parent.isStartableInTasklist !== false) {
      checkFormReference(node, reporter, 'Start event of a process started from Tasklist');
    }
  }
  return { check };
};
