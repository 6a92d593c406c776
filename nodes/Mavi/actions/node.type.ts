import type { AllEntities, IDataObject, INodeExecutionData } from 'n8n-workflow';

type NodeMap = {
	asset: 'upload' | 'getStatus' | 'delete';
	transcription: 'start' | 'transcribeAndWait' | 'transcribeFromUrl';
	speaker: 'start' | 'diarizeAndWait';
};

export type MaviType = AllEntities<NodeMap>;

/** JSON objects, or whole items when an operation attaches binary data (subtitle files). */
export type OperationResult = IDataObject[] | { items: INodeExecutionData[] };
