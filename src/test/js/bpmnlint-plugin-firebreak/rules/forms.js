// The ids of the forms in forms/, which the engine deploys beside the processes.
const fs = require('fs');
const path = require('path');

const FORMS = path.resolve(__dirname, '../../../../../forms');

let ids;

function formIds() {
  if (!ids) {
    ids = new Set(fs.readdirSync(FORMS)
      .filter((file) => file.endsWith('.form'))
      .map((file) => JSON.parse(fs.readFileSync(path.join(FORMS, file), 'utf8')).id));
  }
  return ids;
}

/** Reports what is wrong with the form reference of a node, or nothing. */
function checkFormReference(node, reporter, what) {
  if (!node.formRef) {
    reporter.report(node.id, `${what} has no form (camunda:formRef to a form in forms/)`);
  } else if (!formIds().has(node.formRef)) {
    reporter.report(node.id, `${what} uses form <${node.formRef}>, which is not in forms/`);
  } else if (node.formRefBinding !== 'latest') {
    reporter.report(node.id, `${what} must bind its form as "latest", so a model deployed from Modeler finds the forms`);
  }
}

module.exports = { checkFormReference };
