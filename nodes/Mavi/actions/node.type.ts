import type { AllEntities, IDataObject, INodeExecutionData } from 'n8n-workflow';

type NodeMap = {
	asset: 'upload' | 'getStatus' | 'delete';
	transcription: 'start' | 'summarize' | 'transcribeAndWait' | 'transcribeFromUrl';
	speaker: 'start' | 'diarizeAndWait' | 'recognizeNamedSpeakers';
};

export type MaviType = AllEntities<NodeMap>;

/** JSON objects, or whole items when an operation attaches binary data (subtitle files). */
export type OperationResult = IDataObject[] | { items: INodeExecutionData[] };

/** An item's requests, once its parameters are read and checked: sent when called. */
export type SendItem = () => Promise<OperationResult>;
