// Firebreak's own rules, on top of bpmnlint:recommended (whose no-bpmndi already demands a diagram for every element).
module.exports = {
  configs: {
    all: {
      rules: {
        'user-task-form': 'error',
        'start-event-form': 'error',
        'async-retry-cycle': 'error',
        'history-time-to-live': 'error'
      }
    }
  }
};
