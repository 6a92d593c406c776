import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { taskDataSchema } from '../helpers/schemas';
import type { Creation } from '../transport';
import { maviRequest } from '../transport';
import { assetIdProperty, getAssetId } from './common.descriptions';

/**
 * An operation that starts an async task on one asset: the body is exactly `{asset_id}`, the
 * output `{task_id, asset_id}`, and the result arrives at the trigger (Speaker → Start,
 * Speaker → Recognize Named Speakers, Transcription → Summarize).
 */
export function assetTaskOperation(spec: {
	resource: string;
	operation: string;
	path: string;
	creates: Creation;
	/** Where the result goes, shown under the Asset ID. */
	notice: string;
}) {
	const properties: INodeProperties[] = [
		assetIdProperty,
		{ displayName: spec.notice, name: 'webhookNotice', type: 'notice', default: '' },
	];
	const description = updateDisplayOptions(
		{ show: { resource: [spec.resource], operation: [spec.operation] } },
		properties,
	);

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const assetId = getAssetId.call(this, itemIndex);
		const data = await maviRequest.call(
			this,
			itemIndex,
			{ method: 'POST', path: spec.path, body: { asset_id: assetId }, creates: spec.creates },
			taskDataSchema,
		);
		return [{ task_id: data.task_id, asset_id: assetId }];
	}

	return { description, execute };
}
