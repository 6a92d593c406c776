// Runs one node inside n8n-core's real WorkflowExecute, the way n8n's own NodeTestHarness
// (packages/core/nodes-testing in n8n-io/n8n) does, but without nock: requests go out over real
// sockets. What is real: parameter/expression resolution, ExecuteContext and its helpers
// (httpRequestWithAuthentication, getBinaryDataBuffer, assertBinaryData), the credential's
// `authenticate` (resolved like n8n's CLI CredentialsHelper does), continueOnFail handling and
// pairedItem bookkeeping. Input binaries are kept inline as base64, as n8n's default binary mode
// does. What is stubbed: persistence (no database) and UI push.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

// Anything in n8n-core that reaches InstanceSettings would write ~/.n8n/config: keep it in a temp dir.
process.env.N8N_USER_FOLDER =
	process.env.N8N_USER_FOLDER ?? mkdtempSync(path.join(tmpdir(), 'mavi-n8n-'));

// n8n-core logs every node error to the console; the tests assert on those errors themselves.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';

const { WorkflowExecute, ExecutionLifecycleHooks, Credentials } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, Workflow, isExpression } = require('n8n-workflow');

const CREDENTIAL_ID = 'cred-1';

/** Mirrors packages/cli/src/credentials-helper.ts for `authenticate` and defaults. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(credentialType, data) {
		super();
		this.credentialType = credentialType;
		this.data = data;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties() {
		return this.credentialType.properties;
	}

	resolveValue(value, additionalKeys, workflow, node) {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = this.credentialType;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate && authenticate.type === 'generic') {
			requestOptions.headers = requestOptions.headers ?? {};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue)) {
					const keys = { $credentials: credentials };
					const resolvedKey = this.resolveValue(key, keys, workflow, node);
					requestOptions[outerKey] = requestOptions[outerKey] ?? {};
					requestOptions[outerKey][resolvedKey] = this.resolveValue(value, keys, workflow, node);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(nodeCredentials, type) {
		return new Credentials({ id: CREDENTIAL_ID, name: nodeCredentials.name }, type, '');
	}

	// n8n fills unset fields with their defaults before a node sees the credential.
	async getDecrypted() {
		const withDefaults = {};
		for (const property of this.credentialType.properties) {
			withDefaults[property.name] = property.default;
		}
		return { ...withDefaults, ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}
}

function nodeTypesFor(nodeType, typeName) {
	return {
		getByName: (name) => (name === typeName ? nodeType : undefined),
		getByNameAndVersion: (name, version) =>
			name === typeName ? NodeHelpers.getVersionedNodeType(nodeType, version) : undefined,
		getKnownTypes: () => ({}),
	};
}

/** n8n keeps binary data of input items as base64 with metadata (default, in-memory mode). */
function toBinaryData(binary) {
	const result = {};
	for (const [key, value] of Object.entries(binary)) {
		// Already in n8n's binary store (filesystem mode): the item only references it by id.
		if (typeof value.id === 'string') {
			result[key] = value;
			continue;
		}
		const buffer = Buffer.isBuffer(value) ? value : value.data;
		result[key] = {
			data: buffer.toString('base64'),
			mimeType: value.mimeType ?? 'application/octet-stream',
			fileName: value.fileName,
			fileSize: String(buffer.length),
		};
	}
	return result;
}

/**
 * @param {object} options
 * @param {object} options.node  an instance of the node class
 * @param {object} options.credentialType  an instance of the credential class
 * @param {object} options.parameters  node parameters (expressions allowed)
 * @param {object} [options.credentials]  credential data, e.g. {apiKey, baseUrl}
 * @param {Array<{json: object, binary?: object}>} [options.inputItems]
 *   binary values: Buffer or {data: Buffer, mimeType, fileName}
 * @param {boolean} [options.continueOnFail]
 * @param {Promise<unknown>} [options.cancelWhen]  stops the execution when it resolves
 * @returns {Promise<{items: object[], error: object|undefined, thrownError: Error|undefined,
 *   pairedItems: object[], run: object|undefined}>} `error` is n8n's stored copy.
 */
async function runNode(options) {
	const { credentialType, parameters } = options;
	// WorkflowExecute stores a plain copy of a thrown error; keep the original instance too.
	let thrownError;
	let executing;
	const nodeType = Object.create(options.node);
	nodeType.execute = function (...args) {
		executing = (async () => {
			try {
				return await options.node.execute.apply(this, args);
			} catch (error) {
				thrownError = error;
				throw error;
			}
		})();
		return executing;
	};
	const typeName = `test.${nodeType.description.name}`;
	const credentialName = credentialType.name;
	const node = {
		id: 'node-1',
		name: nodeType.description.defaults?.name ?? nodeType.description.displayName,
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [credentialName]: { id: CREDENTIAL_ID, name: 'Test credential' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
	const workflowData = { id: 'wf-1', name: 'test', nodes: [node], connections: {}, settings: {} };
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: workflowData.nodes,
		connections: {},
		nodeTypes: nodeTypesFor(nodeType, typeName),
		active: false,
		settings: {},
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', workflowData);
	let resolveRun;
	const finished = new Promise((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));

	const additionalData = {
		executionId: 'exec-1',
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentialType, options.credentials ?? {}),
		currentNodeParameters: undefined,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		variables: {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	};

	const inputItems = (options.inputItems ?? [{ json: {} }]).map((item) =>
		item.binary ? { json: item.json, binary: toBinaryData(item.binary) } : { json: item.json },
	);
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [inputItems] }, source: null }],
		},
	};

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	try {
		const execution = workflowExecute.processRunExecutionData(workflow);
		// The user's stop: n8n aborts the execution's signal, which also aborts requests in flight.
		options.cancelWhen?.then(() => execution.cancel());
		await execution;
	} catch (error) {
		// n8n refuses to start, e.g. a required parameter is empty (WorkflowHasIssuesError).
		return { items: [], error, thrownError: error, pairedItems: [], run: undefined };
	}
	const run = await finished;
	// A stopped run is reported at once; the node's own error comes when it notices the stop.
	if (options.cancelWhen) await executing?.catch(() => undefined);

	const taskData = run.data.resultData.runData[node.name]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	return {
		items,
		error: taskData?.error ?? run.data.resultData.error,
		thrownError,
		pairedItems: items.map((item) => item.pairedItem),
		run,
	};
}

module.exports = { runNode, TestCredentialsHelper, nodeTypesFor };
