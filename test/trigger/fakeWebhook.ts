import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { MaviTranscriptionTrigger } from '../../nodes/Mavi/MaviTranscriptionTrigger.node';

/**
 * Hand-built IWebhookFunctions, as n8n's own trigger tests do (Stripe pattern). It records what
 * the node itself answers and returns; what n8n answers when an execution starts is not made
 * up here but proven in the real n8n (test/e2e).
 */
export interface FakeRequest {
	body?: unknown;
	rawBody?: Buffer;
	/** Bytes n8n left in the stream (trigger 1.1, other content types), read by readRawBody(). */
	unreadBody?: Buffer;
	query?: IDataObject;
	headers?: IDataObject;
	parameters?: IDataObject;
	/** Credential data; `null` makes getCredentials throw like a missing credential. */
	credentials?: IDataObject | null;
	mode?: 'webhook' | 'manual';
	workflowId?: string;
	nodeId?: string;
	/** Set to exercise the token cache, which is keyed by the credential id. */
	credentialId?: string;
	/** The workflow's static data as n8n saves and loads it; share it with fakeHookFunctions. */
	staticData?: IDataObject;
}

const NODE_NAME = 'Mavi Transcription Trigger';

/** n8n's getWorkflowStaticData: 'global', or one object per node name. */
function staticDataOf(root: IDataObject = {}) {
	return (type: string): IDataObject => {
		const key = type === 'node' ? `node:${NODE_NAME}` : 'global';
		root[key] ??= {};
		return root[key] as IDataObject;
	};
}

export interface FakeOutcome {
	/** The node's own answer; undefined when it started an execution (n8n answers then). */
	status: number | undefined;
	response: unknown;
	items: INodeExecutionData[];
	executionStarted: boolean;
	result: IWebhookResponseData;
	parameterReads: number;
	/** Lines the node wrote to n8n's log, as "level: message". */
	logLines: string[];
}

/** The Webhook Token of the default credential, sent by default in the query. */
export const FAKE_WEBHOOK_VALUE = 'fake-webhook-value-5f2c';

export const DEFAULT_PARAMETERS: IDataObject = {
	output: 'segments',
	includeDiarization: false,
	passThroughOther: false,
	ignoreFailed: false,
	ignoreDuplicates: true,
	allowUnauthenticated: false,
	taskIds: '',
	options: {},
};

let workflowCounter = 0;
/** A fresh workflow id, so dedupe memory never leaks between tests. */
export function freshWorkflowId(): string {
	workflowCounter += 1;
	return `wf-${workflowCounter}`;
}

const node = new MaviTranscriptionTrigger();

export function fakeWebhookFunctions(request: FakeRequest) {
	const sent: { status?: number; body?: unknown } = {};
	const parameters = { ...DEFAULT_PARAMETERS, ...request.parameters };
	const counter = { parameterReads: 0, credentialReads: 0 };
	const response = {
		status(code: number) {
			sent.status = code;
			return response;
		},
		json(body: unknown) {
			sent.body = body;
			return response;
		},
	};
	const errors: string[] = [];
	const logLines: string[] = [];
	const log = (level: string) => (message: string) => {
		logLines.push(`${level}: ${message}`);
		if (level === 'error') errors.push(message);
	};
	const requestObject: { rawBody?: Buffer; body: unknown; readRawBody(): Promise<void> } = {
		rawBody: request.rawBody,
		body: request.body,
		// n8n's reader: fills rawBody from the stream once.
		readRawBody: async () => {
			requestObject.rawBody ??= request.unreadBody;
		},
	};
	const context = {
		getBodyData: () => request.body,
		getHeaderData: () => ({ 'content-type': 'application/json', ...request.headers }),
		getQueryData: () => request.query ?? { token: FAKE_WEBHOOK_VALUE },
		getRequestObject: () => requestObject,
		getResponseObject: () => response,
		getNodeParameter: (name: string, fallback?: unknown) => {
			counter.parameterReads += 1;
			return name in parameters ? parameters[name] : fallback;
		},
		getCredentials: async () => {
			counter.credentialReads += 1;
			if (request.credentials === null) throw new Error('Node does not have any credentials set');
			return request.credentials ?? { apiKey: 'sk-mavi-test', webhookToken: FAKE_WEBHOOK_VALUE };
		},
		getMode: () => request.mode ?? 'webhook',
		getWorkflow: () => ({ id: request.workflowId ?? 'wf-default', active: true }),
		// Without a credential id there is no token cache: every call reads the credential.
		getNode: () => ({
			id: request.nodeId ?? 'node-1',
			name: NODE_NAME,
			credentials: request.credentialId ? { maviApi: { id: request.credentialId } } : undefined,
		}),
		getWorkflowStaticData: staticDataOf(request.staticData),
		logger: { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') },
		helpers: {},
	};
	return { context: context as unknown as IWebhookFunctions, sent, counter, errors, logLines };
}

export async function callWebhook(request: FakeRequest): Promise<FakeOutcome> {
	const { context, sent, counter, logLines } = fakeWebhookFunctions(request);
	const result = await node.webhook.call(context);
	const items = result.workflowData?.[0] ?? [];
	const executionStarted = result.workflowData !== undefined;
	return {
		status: result.noWebhookResponse ? sent.status : undefined,
		response: result.noWebhookResponse ? sent.body : undefined,
		items,
		executionStarted,
		result,
		parameterReads: counter.parameterReads,
		logLines,
	};
}

/** Hand-built IHookFunctions for the lifecycle methods. */
export function fakeHookFunctions(options: {
	workflowId: string;
	mode: 'manual' | 'trigger' | 'internal';
	url: string;
	/** Credential data; defaults to one with a Webhook Token. */
	credentials?: IDataObject;
	parameters?: IDataObject;
	credentialId?: string;
	staticData?: IDataObject;
}): IHookFunctions {
	const parameters = { ...DEFAULT_PARAMETERS, ...options.parameters };
	const credentialId = options.credentialId ?? 'cred-1';
	return {
		getNode: () => ({
			id: 'node-1',
			name: NODE_NAME,
			credentials: { maviApi: { id: credentialId, name: 'Mavi' } },
		}),
		getWorkflow: () => ({ id: options.workflowId, active: true }),
		getMode: () => options.mode,
		getNodeWebhookUrl: () => options.url,
		getCredentials: async () =>
			options.credentials ?? { apiKey: 'sk-mavi-test', webhookToken: FAKE_WEBHOOK_VALUE },
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getWorkflowStaticData: staticDataOf(options.staticData),
	} as unknown as IHookFunctions;
}

export const trigger = node;
