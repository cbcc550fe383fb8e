const { is } = require('bpmnlint-utils');
const { checkFormReference } = require('./forms');

/** Every user task shows a form of forms/ in Tasklist. */
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:UserTask')) {
      checkFormReference(node, reporter, 'User task');
    }
  }
  return { check };
};
