'use strict';
// Drives a running n8n over its REST API (cookie, as the editor does) and its public API
// (X-N8N-API-KEY). Polls instead of sleeping fixed times: publishing and executions are async.
// Works with n8n 2.x and 1.x: where they differ (2.x publishes, 1.x activates; 1.x's manual
// run wants the workflow in the body) it asks the instance for its version once and adapts.
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
		this.versionPromise = undefined;
	}

	/** The instance's n8n version, e.g. '2.41.1' (from the editor's public settings). */
	async n8nVersion() {
		this.versionPromise ??= this.rest('GET', '/settings').then((res) => {
			const version = res.body && res.body.data && res.body.data.versionCli;
			if (res.status !== 200 || !version) {
				this.versionPromise = undefined;
				throw fail('n8n version (GET /rest/settings)', res);
			}
			return version;
		});
		return this.versionPromise;
	}

	async n8nMajor() {
		return Number((await this.n8nVersion()).split('.')[0]);
	}

	async request(method, path, { body, headers = {}, raw = false } = {}) {
		const send = () =>
			fetch(this.url + path, {
				method,
				headers: {
					...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
					...headers,
				},
				body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
			});
		let res;
		try {
			res = await send();
		} catch (error) {
			// n8n closes idle keep-alive sockets after 5 s; a GET that picked one up just as it
			// closed ("other side closed") is sent once more on a fresh socket.
			if (method !== 'GET' || !/other side closed|ECONNRESET/.test(String(error.cause))) {
				throw error;
			}
			res = await send();
		}
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
		const data = { apiKey, baseUrl, webhookToken };
		// 1.x adds "Allowed HTTP Request Domains" to every credential, and its public API schema
		// then demands allowedDomains unless the choice is given (the editor always sends it).
		if ((await this.n8nMajor()) < 2) data.allowedHttpRequestDomains = 'all';
		const res = await this.api('POST', '/credentials', { name, type: 'maviApi', data });
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

	/**
	 * Publishes (2.x) or activates (1.x) and waits until every trigger is live. 1.x activates
	 * synchronously and answers 400 with the reason when a trigger cannot be activated.
	 */
	async publish(id, timeoutMs = 30000) {
		const action = (await this.n8nMajor()) >= 2 ? 'publish' : 'activate';
		const res = await this.api('POST', `/workflows/${id}/${action}`);
		// 1.x reports a trigger that cannot be activated right here; the same error as 2.x's below.
		if (action === 'activate' && res.status === 400 && res.body && res.body.message) {
			throw new Error(`trigger failed to activate: ${res.body.message}`);
		}
		if (res.status !== 200) throw fail(action, res);
		return this.waitActive(id, timeoutMs);
	}

	/** Waits until a published workflow's triggers are live (also after a restart). */
	async waitActive(id, timeoutMs = 30000) {
		const deadline = Date.now() + timeoutMs;
		const legacy = (await this.n8nMajor()) < 2;
		for (;;) {
			const state = legacy ? await this.activationState1x(id) : await this.publicationState(id);
			if (state.active) return state.data;
			if (state.error) throw new Error(`trigger failed to activate: ${state.error}`);
			if (Date.now() > deadline)
				throw new Error(`not published after ${timeoutMs} ms: ${state.text}`);
			await sleep(100);
		}
	}

	async publicationState(id) {
		const status = await this.rest('GET', `/workflows/${id}/publication-status`);
		const data = status.body && status.body.data;
		const active =
			data && data.status === 'published' && data.triggers.every((t) => t.status === 'activated');
		const broken = data && data.triggers && data.triggers.find((t) => t.errorMessage);
		return { active, data, error: broken && broken.errorMessage, text: status.text };
	}

	/** 1.x: active in the database, in the running instance's list, and no activation error. */
	async activationState1x(id) {
		const error = await this.rest('GET', `/active-workflows/error/${id}`);
		const message = error.body && error.body.data;
		if (message) return { error: typeof message === 'string' ? message : JSON.stringify(message) };
		const running = await this.rest('GET', '/active-workflows');
		const ids = (running.body && running.body.data) || [];
		const active = ids.includes(id);
		return { active, data: { status: 'published', workflowId: id }, text: running.text };
	}

	async unpublish(id) {
		const action = (await this.n8nMajor()) >= 2 ? 'unpublish' : 'deactivate';
		const res = await this.api('POST', `/workflows/${id}/${action}`);
		if (res.status !== 200) throw fail(action, res);
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
		const body = { triggerToStartFrom: { name: trigger.name } };
		// 1.x runs the workflow the editor sends along; 2.x reads it from the database.
		if ((await this.n8nMajor()) < 2) body.workflowData = workflow.body.data;
		const res = await this.rest('POST', `/workflows/${workflowId}/run`, body);
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
