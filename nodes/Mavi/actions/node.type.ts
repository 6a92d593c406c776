import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	asset: 'upload' | 'getStatus' | 'delete';
	transcription: 'start' | 'transcribeAndWait' | 'transcribeFromUrl';
	speaker: 'start' | 'diarizeAndWait';
};

export type MaviType = AllEntities<NodeMap>;
export type MaviResource = MaviType['resource'];
