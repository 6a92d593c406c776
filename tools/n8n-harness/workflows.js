'use strict';
// Workflow JSON builders for the e2e tests, using the node parameter contract from the brief.
const crypto = require('node:crypto');

// Re-exported for the e2e tests, which build workflows and callbacks side by side.
const { transcriptionCallback } = require('../mavi-simulator/callbackFixtures');

const TRANSCRIBE = 'n8n-nodes-mavi.maviTranscribe';
const TRIGGER = 'n8n-nodes-mavi.maviTranscriptionTrigger';
const TRIGGER_NAME = 'Mavi Transcription Trigger';
/** The version the editor adds today. */
const TRIGGER_VERSION = 1.1;

function node(name, type, typeVersion, x, parameters, extra = {}) {
	return {
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	};
}

function chain(nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

/** `nodes` run one after another, in n8n's current execution order. */
function linearWorkflow(name, nodes) {
	return { name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } };
}

function maviCredential(credential) {
	return { maviApi: { id: credential.id, name: credential.name } };
}

/**
 * Manual Trigger -> Read/Write Files from Disk (a file the test wrote) -> Mavi Upload -> `steps`.
 * Each step is { name, parameters } of a further Mavi Transcribe node.
 */
function uploadWorkflow({ name, filePath, credential, steps = [], uploadOptions = {} }) {
	const credentials = maviCredential(credential);
	const nodes = [
		node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node('Read audio file', 'n8n-nodes-base.readWriteFile', 1.1, 220, {
			operation: 'read',
			fileSelector: filePath,
			options: {},
		}),
		node(
			'Upload',
			TRANSCRIBE,
			1,
			440,
			{
				resource: 'asset',
				operation: 'upload',
				binaryPropertyName: 'data',
				options: uploadOptions,
			},
			{ credentials },
		),
		...steps.map((step, i) =>
			node(step.name, TRANSCRIBE, 1, 660 + i * 220, step.parameters, { credentials }),
		),
	];
	return linearWorkflow(name, nodes);
}

const startStep = (extra = {}) => ({
	name: 'Start',
	parameters: {
		resource: 'transcription',
		operation: 'start',
		assetId: '={{ $json.asset_id }}',
		model: 'whisper-1',
		speaker: false,
		...extra,
	},
});

const transcribeAndWaitStep = (extra = {}) => ({
	name: 'Transcribe and Wait',
	parameters: {
		resource: 'transcription',
		operation: 'transcribeAndWait',
		assetId: '={{ $json.asset_id }}',
		model: 'whisper-1',
		speaker: true,
		output: 'segments',
		...extra,
	},
});

/**
 * Mavi Transcription Trigger (fresh webhookId, so paths never collide) -> No Operation
 * "Received"; `withReceiver: false` publishes the trigger alone. `typeVersion` 1 is the trigger
 * as workflows made before 1.1 have it.
 */
function triggerWorkflow({
	name,
	credential,
	parameters = {},
	withReceiver = true,
	typeVersion = TRIGGER_VERSION,
}) {
	const webhookId = crypto.randomUUID();
	const nodes = [
		node(
			TRIGGER_NAME,
			TRIGGER,
			typeVersion,
			0,
			{ output: 'segments', options: {}, ...parameters },
			{
				webhookId,
				credentials: maviCredential(credential),
			},
		),
	];
	if (withReceiver) nodes.push(node('Received', 'n8n-nodes-base.noOp', 1, 220, {}));
	return {
		workflow: linearWorkflow(name, nodes),
		webhookPath: `${webhookId}/mavi`,
	};
}

const randomTaskId = () => crypto.randomBytes(16).toString('hex');

module.exports = {
	TRIGGER_NAME,
	node,
	linearWorkflow,
	uploadWorkflow,
	startStep,
	transcribeAndWaitStep,
	triggerWorkflow,
	transcriptionCallback,
	randomTaskId,
};
