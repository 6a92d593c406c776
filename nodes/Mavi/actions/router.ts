import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { beginTry, cancelledError, endTry, isCancelled } from '../transport';
import * as asset from './asset';
import type { MaviType, SendItem } from './node.type';
import * as speaker from './speaker';
import * as transcription from './transcription';

// An operation reads and checks an item's parameters without Mavi, then hands back the sending.
type OperationPrepare = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<SendItem> | SendItem;

// Typed so that a resource/operation pair without an implementation fails to compile.
const operations: {
	[R in MaviType['resource']]: Record<
		Extract<MaviType, { resource: R }>['operation'],
		{ prepare: OperationPrepare }
	>;
} = {
	asset,
	speaker,
	transcription,
};

function lookup(resource: string, operation: string): OperationPrepare | undefined {
	const byOperation = (operations as Record<string, Record<string, { prepare: OperationPrepare }>>)[
		resource
	];
	return byOperation?.[operation]?.prepare;
}

/** The error item of On Error: Continue; an asset the failed item created stays reachable. */
function errorItem(error: Error & { context?: IDataObject }): IDataObject {
	const assetId = error.context?.assetId;
	return typeof assetId === 'string'
		? { error: error.message, asset_id: assetId }
		: { error: error.message };
}

/** The node's error for an item: both constructors hand back an error of their own kind unchanged. */
function itemError(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError) {
		return new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * Every item's input is checked before the first request: with On Error: Stop one bad item
 * sends nothing (so no paid result is thrown away); with On Error: Continue the bad items
 * become error items and the others go on, as for any other failed item.
 */
async function prepareAll(
	this: IExecuteFunctions,
	prepare: OperationPrepare,
	itemCount: number,
	continueOnFail: boolean,
): Promise<Array<SendItem | Error>> {
	const prepared: Array<SendItem | Error> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			prepared.push(await prepare.call(this, itemIndex));
		} catch (error) {
			if (!continueOnFail) throw itemError.call(this, error, itemIndex);
			prepared.push(error as Error);
		}
	}
	return prepared;
}

async function sendAll(
	this: IExecuteFunctions,
	prepared: Array<SendItem | Error>,
	continueOnFail: boolean,
): Promise<INodeExecutionData[]> {
	const returnData: INodeExecutionData[] = [];
	for (const [itemIndex, send] of prepared.entries()) {
		// A stopped execution ends here, On Error: Continue or not: no more items, no requests.
		if (isCancelled.call(this)) {
			throw cancelledError.call(this, itemIndex);
		}
		try {
			if (send instanceof Error) throw send;
			const results = await send();
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
			throw itemError.call(this, error, itemIndex);
		}
	}
	return returnData;
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
	const prepare = lookup(resource, operation);
	if (!prepare) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for "${resource}"`,
		);
	}

	// Retry On Fail runs this again with the same items: their paid answers are replayed.
	beginTry.call(this);
	let output: INodeExecutionData[] | undefined;
	try {
		const prepared = await prepareAll.call(this, prepare, items.length, continueOnFail);
		output = await sendAll.call(this, prepared, continueOnFail);
	} finally {
		endTry.call(this, output);
	}
	return [output];
}
