import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { anyDataSchema } from '../../helpers/schemas';
import { maviRequest } from '../../transport';
import { assetIdProperty, getAssetId } from '../common.descriptions';

const properties: INodeProperties[] = [assetIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['delete'] } },
	properties,
);

/**
 * The retry of a DELETE whose answer was lost finds nothing to delete: the first one did it.
 * Mavi says "Asset not found" for an asset that does not exist.
 */
function deletedByLostAttempt(error: NodeApiError): boolean {
	const { kind, serverMessage, afterLostAnswer } = error.context;
	return (
		afterLostAnswer === true &&
		kind === 'rejected' &&
		typeof serverMessage === 'string' &&
		/not found/i.test(serverMessage)
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const assetId = getAssetId.call(this, itemIndex);
	try {
		await maviRequest.call(
			this,
			itemIndex,
			{ method: 'DELETE', path: `/${assetId}`, endpoint: 'DELETE /{asset_id}' },
			anyDataSchema,
		);
	} catch (error) {
		// Both constructors hand back an error of their own kind unchanged.
		if (error instanceof NodeApiError && !deletedByLostAttempt(error)) {
			throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
		}
		if (!(error instanceof NodeApiError)) {
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
		const note =
			'The answer to the delete request was lost and the retry found no such asset: the first request deleted it.';
		return [{ asset_id: assetId, deleted: true, note }];
	}
	return [{ asset_id: assetId, deleted: true }];
}
