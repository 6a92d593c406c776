// Runs a credential's `test` request the way n8n's CLI does (packages/cli/src/services/
// credentials-tester.service.ts in n8n-io/n8n): a temporary node whose only property routes the
// test request, executed by n8n-core's real RoutingNode, then the same rule evaluation.
require('./workflowRunner'); // sets N8N_USER_FOLDER before n8n-core loads
const { ExecuteContext, RoutingNode } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const get = require('lodash/get');

const { TestCredentialsHelper, nodeTypesFor } = require('./workflowRunner');

/** @returns {Promise<{status: 'OK'|'Error', message: string}>} */
async function testCredential(credentialType, data) {
	const helper = new TestCredentialsHelper(credentialType, data);
	const decrypted = {
		id: 'cred-1',
		name: 'Test credential',
		type: credentialType.name,
		data: await helper.getDecrypted(),
	};
	const { testRequest } = { testRequest: credentialType.test };
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'test.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType.name]: { id: decrypted.id, name: decrypted.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor(nodeType, 'test.noOp'),
	});
	const additionalData = { credentialsHelper: helper, executionId: 'cred-test', hooks: undefined };
	const executeData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } },
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	let response;
	try {
		response = await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (error) {
		if (error.cause?.response) {
			const status = error.cause.response.status;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: `Received HTTP status code: ${status}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			if (get(response[0][0].json, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { testCredential };
