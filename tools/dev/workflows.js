'use strict';
// The idempotent part of `npm run dev`: one Mavi credential (reused and refreshed on later
// runs), the examples imported once each, and the segment-trigger example published.
const {
	loadExamples,
	prepareExample,
	triggerWebhookPath,
} = require('../n8n-harness/examples');

const PUBLISHED_EXAMPLE = 'trigger-segments-filter-speaker.json';

async function upsertCredential(client, name, data) {
	const existing = (await client.listCredentials()).find(
		(credential) => credential.name === name && credential.type === 'maviApi',
	);
	if (!existing) {
		const created = await client.createCredential({ name, ...data });
		return { credential: { id: created.id, name }, action: 'created' };
	}
	// The simulator's port (and so the base URL) may differ between runs: refresh the data.
	const res = await client.rest('PATCH', `/credentials/${existing.id}`, {
		name,
		type: 'maviApi',
		data,
	});
	if (res.status !== 200)
		throw new Error(`update credential: HTTP ${res.status} ${res.text.slice(0, 300)}`);
	return { credential: { id: existing.id, name }, action: 'reused' };
}

async function setUpWorkflows(client, { credentialName, credentialData, filesDir }) {
	const log = [];
	const { credential, action } = await upsertCredential(client, credentialName, credentialData);
	log.push(`credential "${credentialName}": ${action}`);

	const existing = await client.listWorkflows();
	let trigger;
	for (const { file, workflow } of loadExamples()) {
		let id = (existing.find((w) => w.name === workflow.name) || {}).id;
		if (id) {
			log.push(`example ${file}: already imported`);
		} else {
			id = (await client.createWorkflow(prepareExample(workflow, { credential, filesDir }))).id;
			log.push(`example ${file}: imported`);
		}
		if (file === PUBLISHED_EXAMPLE) trigger = { id, workflow };
	}
	if (!trigger) throw new Error(`examples/${PUBLISHED_EXAMPLE} is missing`);
	await client.publish(trigger.id);
	log.push(`published "${trigger.workflow.name}"`);
	return {
		log,
		credential,
		triggerWebhookPath: triggerWebhookPath(trigger.workflow),
		triggerWorkflowName: trigger.workflow.name,
	};
}

module.exports = { setUpWorkflows, upsertCredential };
