import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cancelledError, isCancelled } from '../transport';
import * as asset from './asset';
import type { MaviType, OperationResult } from './node.type';
import * as speaker from './speaker';
import * as transcription from './transcription';

type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<OperationResult>;

// Typed so that a resource/operation pair without an implementation fails to compile.
const operations: {
	[R in MaviType['resource']]: Record<
		Extract<MaviType, { resource: R }>['operation'],
		{ execute: OperationExecute }
	>;
} = {
	asset,
	speaker,
	transcription,
};

function lookup(resource: string, operation: string): OperationExecute | undefined {
	const byOperation = (operations as Record<string, Record<string, { execute: OperationExecute }>>)[
		resource
	];
	return byOperation?.[operation]?.execute;
}

/** The error item of On Error: Continue; an asset the failed item created stays reachable. */
function errorItem(error: Error & { context?: IDataObject }): IDataObject {
	const assetId = error.context?.assetId;
	return typeof assetId === 'string'
		? { error: error.message, asset_id: assetId }
		: { error: error.message };
}

/**
 * Runs the selected operation once per input item; failures stay attached to their item.
 * `continueOnFail` is the node's "On Error: Continue" setting, read by execute().
 */
export async function router(
	this: IExecuteFunctions,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = lookup(resource, operation);
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for "${resource}"`,
		);
	}

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		// A stopped execution ends here, On Error: Continue or not: no more items, no requests.
		if (isCancelled.call(this)) {
			throw cancelledError.call(this, itemIndex);
		}
		try {
			const results = await execute.call(this, itemIndex);
			const executionData = this.helpers.constructExecutionMetaData(
				Array.isArray(results) ? this.helpers.returnJsonArray(results) : results.items,
				{ itemData: { item: itemIndex } },
			);
			returnData.push(...executionData);
		} catch (error) {
			if (continueOnFail && !isCancelled.call(this)) {
				returnData.push({ json: errorItem(error as Error), pairedItem: { item: itemIndex } });
				continue;
			}
			// Both constructors hand back an error of their own kind unchanged, itemIndex included.
			if (error instanceof NodeApiError) {
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}
