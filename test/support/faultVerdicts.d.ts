import type { IDataObject } from 'n8n-workflow';

import type { SimStats } from './maviSim';

export interface BatchVerdict {
	items: number;
	succeeded: number;
	errorItems: number;
	maxPerItem: number;
	created: number;
	onlyNotProcessedItems?: number;
	onlyNotProcessedSucceeded?: number;
	maybeProcessedFaults?: number;
	violations: IDataObject[];
	allOk: boolean;
}

export function judgeStartBatch(input: {
	assetIds: string[];
	outputs: IDataObject[];
	stats: SimStats;
}): BatchVerdict;
export function judgeUploadBatch(input: {
	fileNames: string[];
	outputs: IDataObject[];
	stats: SimStats;
}): BatchVerdict;
export const HALF_AFTER_ACCEPTANCE: string[];
export const NOT_PROCESSED: Set<string>;
