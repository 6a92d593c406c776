import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { MaviTranscriptionTrigger } from '../../nodes/Mavi/MaviTranscriptionTrigger.node';

/** Hand-built IWebhookFunctions, as n8n's own trigger tests do (Stripe pattern). */
export interface FakeRequest {
	body?: unknown;
	rawBody?: Buffer;
	query?: IDataObject;
	headers?: IDataObject;
	parameters?: IDataObject;
	/** Credential data; `null` makes getCredentials throw like a missing credential. */
	credentials?: IDataObject | null;
	mode?: 'webhook' | 'manual';
	workflowId?: string;
	nodeId?: string;
}

export interface FakeOutcome {
	/** What the caller received: the node's own answer, or what n8n sends for onReceived. */
	status: number;
	response: unknown;
	items: INodeExecutionData[];
	executionStarted: boolean;
	result: IWebhookResponseData;
	parameterReads: number;
}

export const DEFAULT_PARAMETERS: IDataObject = {
	output: 'segments',
	includeDiarization: false,
	passThroughOther: false,
	ignoreFailed: false,
	ignoreDuplicates: true,
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
	const counter = { parameterReads: 0 };
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
	const context = {
		getBodyData: () => request.body,
		getHeaderData: () => ({ 'content-type': 'application/json', ...request.headers }),
		getQueryData: () => request.query ?? {},
		getRequestObject: () => ({ rawBody: request.rawBody, body: request.body }),
		getResponseObject: () => response,
		getNodeParameter: (name: string, fallback?: unknown) => {
			counter.parameterReads += 1;
			return name in parameters ? parameters[name] : fallback;
		},
		getCredentials: async () => {
			if (request.credentials === null) throw new Error('Node does not have any credentials set');
			return request.credentials ?? { apiKey: 'sk-mavi-test', webhookToken: '' };
		},
		getMode: () => request.mode ?? 'webhook',
		getWorkflow: () => ({ id: request.workflowId ?? 'wf-default', active: true }),
		getNode: () => ({ id: request.nodeId ?? 'node-1', name: 'Mavi Transcription Trigger' }),
		getWorkflowStaticData: () => ({}),
		logger: { error: (message: string) => errors.push(message), warn: () => {}, debug: () => {} },
		helpers: {},
	};
	return { context: context as unknown as IWebhookFunctions, sent, counter, errors };
}

export async function callWebhook(request: FakeRequest): Promise<FakeOutcome> {
	const { context, sent, counter } = fakeWebhookFunctions(request);
	const result = await node.webhook.call(context);
	const items = result.workflowData?.[0] ?? [];
	const executionStarted = result.workflowData !== undefined;
	// n8n itself answers 200 with the evaluated responseData when an execution starts.
	const status = result.noWebhookResponse ? (sent.status ?? 0) : 200;
	const response = result.noWebhookResponse ? sent.body : { received: true };
	return {
		status,
		response,
		items,
		executionStarted,
		result,
		parameterReads: counter.parameterReads,
	};
}

/** Hand-built IHookFunctions for the lifecycle methods. */
export function fakeHookFunctions(options: {
	workflowId: string;
	mode: 'manual' | 'trigger' | 'internal';
	url: string;
	staticData?: IDataObject;
}): IHookFunctions {
	const staticData = options.staticData ?? {};
	return {
		getNode: () => ({ id: 'node-1', name: 'Mavi Transcription Trigger' }),
		getWorkflow: () => ({ id: options.workflowId, active: true }),
		getMode: () => options.mode,
		getNodeWebhookUrl: () => options.url,
		getWorkflowStaticData: () => staticData,
	} as unknown as IHookFunctions;
}

export const trigger = node;
