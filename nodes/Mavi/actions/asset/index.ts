import type { INodeProperties } from 'n8n-workflow';

import * as deleteAsset from './delete.operation';
import * as getStatus from './getStatus.operation';
import * as upload from './upload.operation';

// `delete` is a reserved word, so the module is imported under another name.
export { deleteAsset as delete, getStatus, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an uploaded file from Mavi',
				action: 'Delete an asset',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the processing status of an uploaded file',
				action: 'Get the status of an asset',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload an audio or video file from a binary field',
				action: 'Upload an asset',
			},
		],
		default: 'upload',
	},
	...upload.description,
	...getStatus.description,
	...deleteAsset.description,
];
