import type {
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
} from 'n8n-workflow';

export interface BinaryInput {
	data: Buffer;
	mimeType?: string;
	fileName?: string;
}

export interface RunNodeOptions {
	node: INodeType;
	credentialType: ICredentialType;
	parameters: INodeParameters;
	credentials?: IDataObject;
	inputItems?: Array<{ json: IDataObject; binary?: Record<string, Buffer | BinaryInput> }>;
	continueOnFail?: boolean;
	/** Stops the execution, as the user's Stop button does, when it resolves. */
	cancelWhen?: Promise<unknown>;
}

export interface RunNodeResult {
	items: INodeExecutionData[];
	/** The copy n8n stores in the run data (a plain object). */
	error: (Error & { description?: string; context?: IDataObject; httpCode?: string }) | undefined;
	/** The error instance the node threw. */
	thrownError:
		| (Error & { description?: string; context?: IDataObject; httpCode?: string })
		| undefined;
	pairedItems: unknown[];
	/** Undefined when n8n refused to start the workflow. */
	run: IRun | undefined;
}

export function runNode(options: RunNodeOptions): Promise<RunNodeResult>;
