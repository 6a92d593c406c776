'use strict';
// Recognisable secrets used across the e2e suite, so a grep of n8n's log, the executions and
// the simulator's log can prove they never leak.
const E2E_API_KEY = 'sk-mavi-e2e-K3yNeverLeaks7f9c2';
const E2E_WRONG_API_KEY = 'sk-mavi-e2e-Wr0ngKey4b1d8e';
const E2E_WEBHOOK_TOKEN = 'e2e-T0kenNeverLeaks5a6b7c';

module.exports = { E2E_API_KEY, E2E_WRONG_API_KEY, E2E_WEBHOOK_TOKEN };
