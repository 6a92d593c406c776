'use strict';
// The shipped examples/*.json, and how `npm run dev` and the e2e suite adapt them to an
// instance: bind the Mavi nodes to a credential, point file paths at the allowed folder.
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.resolve(__dirname, '../../examples');
// The folder the examples use for files: n8n's default N8N_RESTRICT_FILE_ACCESS_TO in Docker.
const EXAMPLE_FILES_DIR = '/home/node/.n8n-files';
const MAVI_PREFIX = 'n8n-nodes-mavi.';
const TRIGGER_TYPE = 'n8n-nodes-mavi.maviTranscriptionTrigger';

function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')),
		}));
}

/** A copy of the workflow bound to the given credential and file folder. */
function prepareExample(workflow, { credential, filesDir, webhookIds = {} } = {}) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		if (credential && node.type.startsWith(MAVI_PREFIX)) {
			node.credentials = { maviApi: { id: credential.id, name: credential.name } };
		}
		if (webhookIds[node.name]) node.webhookId = webhookIds[node.name];
		if (!filesDir) continue;
		for (const key of ['fileSelector', 'fileName']) {
			const value = node.parameters[key];
			if (typeof value === 'string' && value.startsWith(EXAMPLE_FILES_DIR)) {
				node.parameters[key] = filesDir + value.slice(EXAMPLE_FILES_DIR.length);
			}
		}
	}
	return copy;
}

function triggerNode(workflow) {
	return workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
}

/** The production webhook path of the trigger (URL = <n8n>/webhook/<this>). */
function triggerWebhookPath(workflow) {
	const trigger = triggerNode(workflow);
	return trigger ? `${trigger.webhookId}/mavi` : undefined;
}

module.exports = {
	EXAMPLES_DIR,
	EXAMPLE_FILES_DIR,
	TRIGGER_TYPE,
	loadExamples,
	prepareExample,
	triggerNode,
	triggerWebhookPath,
};
