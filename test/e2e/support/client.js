'use strict';
// Drives a running n8n over its REST API (cookie, as the editor does) and its public API
// (X-N8N-API-KEY). Polls instead of sleeping fixed times: publishing and executions are async.
const { ExecutionQueries, nodeItems } = require('./executions');
const { sleep } = require('./processes');

function parse(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function fail(what, res) {
	return new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
}

class N8nClient extends ExecutionQueries {
	constructor(url) {
		super();
		this.url = url;
		this.cookie = '';
		this.apiKey = '';
	}

	async request(method, path, { body, headers = {}, raw = false } = {}) {
		const res = await fetch(this.url + path, {
			method,
			headers: {
				...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
				...headers,
			},
			body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, text, body: parse(text) };
	}

	async rest(method, path, body) {
		const res = await this.request(method, `/rest${path}`, {
			body,
			headers: this.cookie ? { cookie: this.cookie } : {},
		});
		const setCookie = res.headers.get('set-cookie');
		if (setCookie && setCookie.startsWith('n8n-auth=')) this.cookie = setCookie.split(';')[0];
		return res;
	}

	async api(method, path, body) {
		return this.request(method, `/api/v1${path}`, {
			body,
			headers: { 'x-n8n-api-key': this.apiKey },
		});
	}

	// ---- owner, login, API key -------------------------------------------------------------

	/** Returns 'created' on a fresh instance, 'login' when the owner already existed. */
	async setupOwnerOrLogin(owner) {
		const setup = await this.rest('POST', '/owner/setup', owner);
		if (setup.status === 200) return 'created';
		const login = await this.rest('POST', '/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
		if (login.status !== 200) throw fail('login', login);
		return 'login';
	}

	async createApiKey(label) {
		const scopes = await this.rest('GET', '/api-keys/scopes');
		if (scopes.status !== 200) throw fail('api key scopes', scopes);
		const res = await this.rest('POST', '/api-keys', {
			label: label.slice(0, 50),
			scopes: scopes.body.data,
			expiresAt: null,
		});
		if (res.status !== 200) throw fail('create api key', res);
		this.apiKey = res.body.data.rawApiKey;
		return this.apiKey;
	}

	// ---- credentials ------------------------------------------------------------------------

	async createCredential({ name, apiKey, baseUrl, webhookToken = '' }) {
		const res = await this.api('POST', '/credentials', {
			name,
			type: 'maviApi',
			data: { apiKey, baseUrl, webhookToken },
		});
		if (res.status !== 200) throw fail('create credential', res);
		return res.body;
	}

	async listCredentials() {
		const res = await this.rest('GET', '/credentials');
		if (res.status !== 200) throw fail('list credentials', res);
		return res.body.data;
	}

	/** n8n's own credential test, as the editor's "Test" button calls it. */
	async testCredential({ id = '', name = 'test', data }) {
		const res = await this.rest('POST', '/credentials/test', {
			credentials: { id, name, type: 'maviApi', data },
		});
		if (res.status !== 200) throw fail('credential test', res);
		return res.body.data; // { status: 'OK' | 'Error', message }
	}

	// ---- workflows --------------------------------------------------------------------------

	async createWorkflow(workflow) {
		const { name, nodes, connections, settings = { executionOrder: 'v1' } } = workflow;
		const res = await this.api('POST', '/workflows', { name, nodes, connections, settings });
		if (res.status !== 200) throw fail(`create workflow "${name}"`, res);
		return res.body;
	}

	async getWorkflow(id) {
		const res = await this.api('GET', `/workflows/${id}`);
		if (res.status !== 200) throw fail('get workflow', res);
		return res.body;
	}

	async listWorkflows() {
		const res = await this.api('GET', '/workflows?limit=250');
		if (res.status !== 200) throw fail('list workflows', res);
		return res.body.data;
	}

	/** Publishes and waits until every trigger reports "activated" (publishing is async). */
	async publish(id, timeoutMs = 30000) {
		const res = await this.api('POST', `/workflows/${id}/publish`);
		if (res.status !== 200) throw fail('publish', res);
		return this.waitActive(id, timeoutMs);
	}

	/** Waits until a published workflow's triggers are live (also after a restart). */
	async waitActive(id, timeoutMs = 30000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.rest('GET', `/workflows/${id}/publication-status`);
			const data = status.body && status.body.data;
			if (
				data &&
				data.status === 'published' &&
				data.triggers.every((t) => t.status === 'activated')
			) {
				return data;
			}
			const broken = data && data.triggers && data.triggers.find((t) => t.errorMessage);
			if (broken) throw new Error(`trigger failed to activate: ${broken.errorMessage}`);
			if (Date.now() > deadline)
				throw new Error(`not published after ${timeoutMs} ms: ${status.text}`);
			await sleep(100);
		}
	}

	async unpublish(id) {
		const res = await this.api('POST', `/workflows/${id}/unpublish`);
		if (res.status !== 200) throw fail('unpublish', res);
	}

	/** POST to a production webhook; retries only n8n's "not registered" 404 for a short while. */
	async postWebhook(
		webhookPath,
		body,
		{ query = {}, headers = {}, raw = false, retryMs = 10000 } = {},
	) {
		const qs = new URLSearchParams(query).toString();
		const path = `/webhook/${webhookPath}${qs ? `?${qs}` : ''}`;
		const deadline = Date.now() + retryMs;
		for (;;) {
			const res = await this.request('POST', path, {
				body,
				raw,
				headers: raw ? headers : { 'content-type': 'application/json', ...headers },
			});
			if (res.status !== 404 || Date.now() > deadline) return res;
			await sleep(200);
		}
	}

	/**
	 * Runs a Manual-Trigger workflow the way the editor's "Execute workflow" button does
	 * (POST /rest/workflows/:id/run from that trigger) and resolves the finished execution.
	 */
	async runManual(workflowId, timeoutMs = 120000) {
		const workflow = await this.rest('GET', `/workflows/${workflowId}`);
		if (workflow.status !== 200) throw fail('get workflow', workflow);
		const trigger = workflow.body.data.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
		if (!trigger) throw new Error(`workflow ${workflowId} has no Manual Trigger`);
		const res = await this.rest('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: trigger.name },
		});
		const executionId = res.body && res.body.data && res.body.data.executionId;
		if (res.status !== 200 || !executionId) throw fail('manual run', res);
		return this.waitForExecution(executionId, timeoutMs);
	}

	/** The node types the editor sees (needs the cookie in 2.x). */
	async nodeTypeNames() {
		const res = await this.request('GET', '/types/nodes.json', {
			headers: { cookie: this.cookie },
		});
		if (res.status !== 200) throw fail('types/nodes.json', { status: res.status, body: '' });
		return res.body.map((type) => type.name);
	}
}

module.exports = { N8nClient, nodeItems };
