// The model lint can fail: the real models pass it, and each of our conventions, broken on purpose, is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = require('bpmn-moddle');

const config = JSON.parse(readFileSync(new URL('.bpmnlintrc', import.meta.url), 'utf8'));
const moddle = new BpmnModdle({ camunda: require(config.moddleExtensions.camunda) });
const processes = new URL('../../../processes/', import.meta.url);

async function problems(xml) {
  const { rootElement, warnings } = await moddle.fromXML(xml);
  assert.deepEqual(warnings.map((w) => w.message), [], 'the model parses without warnings');
  const reports = await new Linter({ config, resolver: new NodeResolver() }).lint(rootElement);
  return Object.entries(reports).flatMap(([rule, found]) =>
    found.filter((r) => r.category !== 'off').map((r) => `${rule} ${r.id}`));
}

function model(file) {
  return readFileSync(new URL(file, processes), 'utf8');
}

function replaced(xml, from, to) {
  assert.ok(xml.includes(from), `the model contains ${from}`);
  return xml.replace(from, to);
}

for (const file of readdirSync(processes).filter((f) => f.endsWith('.bpmn'))) {
  test(`${file} passes bpmnlint:recommended and our conventions`, async () => {
    assert.deepEqual(await problems(model(file)), []);
  });
}

test('a user task without a form, or with a form that is not in forms/, or not bound as latest, is reported', async () => {
  let xml = model('action-item.bpmn');
  xml = replaced(xml, 'camunda:formRef="implement-action-item" camunda:formRefBinding="latest" ', '');
  xml = replaced(xml, 'camunda:formRef="chase-overdue-action-item"', 'camunda:formRef="no-such-form"');
  assert.deepEqual(await problems(xml), [
    'firebreak/user-task-form UserTask_ImplementActionItem',
    'firebreak/user-task-form UserTask_ChaseOverdueActionItem'
  ]);
  const deploymentBound = replaced(model('action-item.bpmn'), 'camunda:formRefBinding="latest"', 'camunda:formRefBinding="deployment"');
  assert.deepEqual(await problems(deploymentBound), ['firebreak/user-task-form UserTask_ImplementActionItem']);
});

test('a process people start from Tasklist needs a start form; one only the engine starts does not', async () => {
  const startable = replaced(model('action-item.bpmn'), 'camunda:isStartableInTasklist="false"', 'camunda:isStartableInTasklist="true"');
  assert.deepEqual(await problems(startable), ['firebreak/start-event-form StartEvent_ActionItemAgreed']);
  const undeclared = replaced(model('incident.bpmn'), 'camunda:formRef="declare-incident" camunda:formRefBinding="latest" ', '');
  assert.deepEqual(await problems(undeclared), ['firebreak/start-event-form StartEvent_IncidentDeclared']);
});

test('an asynchronous step without the shared retry cycle is reported', async () => {
  const cycle = '<camunda:failedJobRetryTimeCycle>${retryPolicy.cycle}</camunda:failedJobRetryTimeCycle>';
  assert.deepEqual(await problems(replaced(model('action-item.bpmn'), cycle, '')),
    ['firebreak/async-retry-cycle ServiceTask_RemindActionItemOwner']);
  const fixed = '<camunda:failedJobRetryTimeCycle>R3/PT5M</camunda:failedJobRetryTimeCycle>';
  assert.deepEqual(await problems(replaced(model('action-item.bpmn'), cycle, fixed)),
    ['firebreak/async-retry-cycle ServiceTask_RemindActionItemOwner']);
});

test('asynchronous by asyncAfter, by the older camunda:async or on a multi-instance loop needs the cycle too', async () => {
  const start = '<bpmn:startEvent id="StartEvent_ActionItemAgreed" name="Action item agreed">';
  assert.deepEqual(await problems(replaced(model('action-item.bpmn'), start,
    start.replace('>', ' camunda:asyncAfter="true">'))), ['firebreak/async-retry-cycle StartEvent_ActionItemAgreed']);
  assert.deepEqual(await problems(replaced(model('action-item.bpmn'), start,
    start.replace('>', ' camunda:async="true">'))), ['firebreak/async-retry-cycle StartEvent_ActionItemAgreed']);
  const loop = '<bpmn:multiInstanceLoopCharacteristics camunda:collection="${postmortemActionItems.openIds(incidentKey)}"';
  const asyncLoop = replaced(model('postmortem.bpmn'), loop, `${loop} camunda:asyncBefore="true"`);
  assert.deepEqual(await problems(asyncLoop), ['firebreak/async-retry-cycle CallActivity_ImplementActionItems']);
});

test('a process without a history time-to-live, or with a blank one, is reported', async () => {
  assert.deepEqual(await problems(replaced(model('postmortem.bpmn'), ' camunda:historyTimeToLive="P180D"', '')),
    ['firebreak/history-time-to-live postmortem']);
  assert.deepEqual(await problems(replaced(model('postmortem.bpmn'), 'camunda:historyTimeToLive="P180D"',
    'camunda:historyTimeToLive=" "')), ['firebreak/history-time-to-live postmortem']);
});

test('an element without a diagram is reported by the recommended rules', async () => {
  let xml = model('action-item.bpmn');
  xml = xml.replace(/<bpmndi:BPMNShape id="UserTask_ChaseOverdueActionItem_di"[\s\S]*?<\/bpmndi:BPMNShape>/, '');
  assert.deepEqual(await problems(xml), ['no-bpmndi UserTask_ChaseOverdueActionItem']);
});
