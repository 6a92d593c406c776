import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { anyDataSchema } from '../../helpers/schemas';
import { maviRequest } from '../../transport';
import { assetIdProperty, getAssetId } from '../common.descriptions';

const properties: INodeProperties[] = [assetIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const assetId = getAssetId.call(this, itemIndex);
	await maviRequest.call(
		this,
		itemIndex,
		{ method: 'DELETE', path: `/${assetId}`, endpoint: 'DELETE /{asset_id}' },
		anyDataSchema,
	);
	return [{ asset_id: assetId, deleted: true }];
}
