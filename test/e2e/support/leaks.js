'use strict';
// Where a secret could surface after a run: n8n's log and the executions n8n stored.
const fs = require('node:fs');

const { E2E_API_KEY, E2E_WRONG_API_KEY, E2E_WEBHOOK_TOKEN } = require('../../../tools/n8n-harness/secrets');

const SECRETS = {
	apiKey: E2E_API_KEY,
	wrongApiKey: E2E_WRONG_API_KEY,
	webhookToken: E2E_WEBHOOK_TOKEN,
};

function findSecrets(text, source) {
	return Object.entries(SECRETS)
		.filter(([, secret]) => text.includes(secret))
		.map(([name]) => `${name} in ${source}`);
}

/** Every place (logs, executions) where one of the e2e secrets appears; [] when clean. */
async function secretLeaks(client, { logFile, workflowIds = [], otherLogs = [] }) {
	const leaks = findSecrets(fs.readFileSync(logFile, 'utf8'), `n8n log ${logFile}`);
	for (const file of otherLogs.filter((f) => fs.existsSync(f))) {
		leaks.push(...findSecrets(fs.readFileSync(file, 'utf8'), file));
	}
	for (const workflowId of workflowIds) {
		for (const execution of await client.listExecutions(workflowId, { includeData: true })) {
			leaks.push(...findSecrets(JSON.stringify(execution), `execution ${execution.id}`));
		}
	}
	return leaks;
}

module.exports = { SECRETS, secretLeaks };
