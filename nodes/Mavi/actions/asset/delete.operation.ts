import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { anyDataSchema } from '../../helpers/schemas';
import { maviRequest } from '../../transport';
import { assetIdProperty, getAssetId } from '../common.descriptions';
import type { SendItem } from '../node.type';

const properties: INodeProperties[] = [assetIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['delete'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): SendItem {
	const assetId = getAssetId.call(this, itemIndex);
	return async () => {
		await maviRequest.call(
			this,
			itemIndex,
			{ method: 'DELETE', path: `/${assetId}`, endpoint: 'DELETE /{asset_id}' },
			anyDataSchema,
		);
		return [{ asset_id: assetId, deleted: true }];
	};
}
