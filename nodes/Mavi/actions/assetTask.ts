import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Creation } from '../transport';
import { assetIdProperty, getAssetId } from './common.descriptions';
import type { SendItem } from './node.type';
import { startTask } from './startTask';

/**
 * An operation that starts an async task on one asset: the body is exactly `{asset_id}`, the
 * output `{task_id, asset_id}`, and the result arrives at the trigger (Speaker → Start,
 * Speaker → Recognize Named Speakers, Transcription → Summarize).
 */
export function assetTaskOperation(spec: {
	resource: string;
	operation: string;
	path: string;
	creates: Extract<Creation, `${string}Task`>;
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

	function prepare(this: IExecuteFunctions, itemIndex: number): SendItem {
		const assetId = getAssetId.call(this, itemIndex);
		return async () => {
			const body = { asset_id: assetId };
			const taskId = await startTask.call(this, itemIndex, spec.path, body, spec.creates);
			return [{ task_id: taskId, asset_id: assetId }];
		};
	}

	return { description, prepare };
}
