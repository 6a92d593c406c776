import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assetIdProperty, getAssetId } from '../common.descriptions';
import { assetStatusItem, fetchAssetMetadata } from './metadata';

const properties: INodeProperties[] = [assetIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['getStatus'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const assetId = getAssetId.call(this, itemIndex);
	const metadata = await fetchAssetMetadata.call(this, itemIndex, assetId);
	return [assetStatusItem(assetId, metadata)];
}
