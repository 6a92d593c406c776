import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assetIdProperty, getAssetId } from '../common.descriptions';
import type { SendItem } from '../node.type';
import { assetStatusItem, fetchAssetMetadata } from './metadata';

const properties: INodeProperties[] = [assetIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['getStatus'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): SendItem {
	const assetId = getAssetId.call(this, itemIndex);
	return async () => {
		const metadata = await fetchAssetMetadata.call(this, itemIndex, assetId);
		return [assetStatusItem(assetId, metadata)];
	};
}
