import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { uploadDataSchema } from '../../helpers/schemas';
import {
	bareMediaType,
	checkFileSize,
	checkMediaType,
	checkSeconds,
} from '../../helpers/validation';
import type { MultipartFile } from '../../transport';
import { cancelledError, maviRequest } from '../../transport';
import type { SendItem } from '../node.type';
import { assetStatusItem, fetchAssetMetadata } from './metadata';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the audio or video file',
		description: 'The name of the binary field of the input item that holds the file to upload',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Poll Interval',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2,
				description: 'Seconds between status checks while waiting for the asset to be ready',
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description: 'Maximum seconds to wait for the asset to be ready before failing',
			},
			{
				displayName: 'Wait Until Ready',
				name: 'waitUntilReady',
				type: 'boolean',
				default: true,
				description:
					'Whether to wait until Mavi has processed the file (status SUCCESS); only ready assets can be transcribed',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['upload'] } },
	properties,
);

interface UploadOptions {
	pollInterval?: number;
	timeout?: number;
	waitUntilReady?: boolean;
}

/** Where the asset ID goes so a workflow can route a failed item to Get Status or Delete. */
function assetError(
	this: IExecuteFunctions,
	itemIndex: number,
	assetId: string,
	message: string,
	advice: string,
): NodeOperationError {
	const error = new NodeOperationError(this.getNode(), message, {
		itemIndex,
		description: `Asset ID: ${assetId}. ${advice}`,
	});
	Object.assign(error.context, { assetId });
	return error;
}

async function waitUntilReady(
	this: IExecuteFunctions,
	itemIndex: number,
	assetId: string,
	intervalSeconds: number,
	timeoutSeconds: number,
): Promise<IDataObject> {
	const deadline = Date.now() + timeoutSeconds * 1000;
	for (;;) {
		const metadata = await fetchAssetMetadata.call(this, itemIndex, assetId);
		if (metadata.upload_status === 'SUCCESS') return assetStatusItem(assetId, metadata);
		if (metadata.upload_status === 'FAILED') {
			throw assetError.call(
				this,
				itemIndex,
				assetId,
				`Mavi could not process the uploaded file (asset ${assetId} has status FAILED)`,
				'Check that the file is a valid audio or video file and upload it again; delete the failed asset with Asset → Delete.',
			);
		}
		if (Date.now() + intervalSeconds * 1000 > deadline) {
			throw assetError.call(
				this,
				itemIndex,
				assetId,
				`Asset ${assetId} was not ready after ${timeoutSeconds} seconds (status ${metadata.upload_status})`,
				'Increase the "Timeout" option, or continue without waiting and check later with Asset → Get Status.',
			);
		}
		await sleep(intervalSeconds * 1000, this.getExecutionCancelSignal?.()).catch(() => {
			throw cancelledError.call(this, itemIndex);
		});
	}
}

/**
 * Bytes per read from n8n's binary store. Its default (64 KiB for files) makes 16,384 chunks of a
 * 1 GiB file, and every chunk costs n8n's main thread a trip through the stream machinery of the
 * upload; 1 MiB chunks (the size a plain Node upload uses) cut that 16-fold. Memory stays
 * constant: axios holds at most 16 chunks waiting for the socket.
 */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The binary as a file to stream. Binaries with an id live in n8n's store (filesystem, database,
 * S3): they are read as a stream, afresh per attempt. Only in-item (base64) data is a buffer,
 * decoded when sent, so checking a batch holds no copies.
 */
async function fileToSend(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	binary: IBinaryData,
): Promise<MultipartFile> {
	const fileName = binary.fileName ?? `${propertyName}.${binary.fileExtension ?? 'bin'}`;
	const common = {
		field: 'file',
		fileName,
		// Only the checked type goes into the part header: parameters could carry a line break.
		mimeType: bareMediaType(binary.mimeType) || 'application/octet-stream',
	};
	const { id } = binary;
	if (id) {
		const { fileSize } = await this.helpers.getBinaryMetadata(id);
		return {
			...common,
			size: fileSize,
			open: async () => await this.helpers.getBinaryStream(id, READ_CHUNK_BYTES),
		};
	}
	return {
		...common,
		size: Buffer.byteLength(binary.data, 'base64'),
		open: async () => [await this.helpers.getBinaryDataBuffer(itemIndex, propertyName)],
	};
}

/** Sends the file; nothing of it stays referenced once this returns. */
async function uploadFile(
	this: IExecuteFunctions,
	itemIndex: number,
	file: MultipartFile,
): Promise<IDataObject> {
	const data = await maviRequest.call(
		this,
		itemIndex,
		{
			method: 'POST',
			path: '/upload',
			long: true,
			creates: 'asset',
			file,
		},
		uploadDataSchema,
	);
	return {
		asset_id: data.asset_id,
		upload_status: null,
		file_name: file.fileName,
		mime_type: file.mimeType,
		file_size: file.size,
	};
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<SendItem> {
	const propertyName = (this.getNodeParameter('binaryPropertyName', itemIndex) as string).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as UploadOptions;
	const fail = (message: string, description?: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description });

	const interval = checkSeconds(options.pollInterval ?? 2, 'Poll Interval', 1, 3600);
	if (!interval.ok) throw fail(interval.error);
	const timeout = checkSeconds(options.timeout ?? 300, 'Timeout', 1, 86_400);
	if (!timeout.ok) throw fail(timeout.error);

	const available = Object.keys(this.getInputData()[itemIndex]?.binary ?? {});
	if (!available.includes(propertyName)) {
		throw fail(
			`The "Input Binary Field" "${propertyName}" does not exist on this item`,
			available.length
				? `Binary fields on this item: ${available.join(', ')}.`
				: 'The item has no binary data: read or download a file before this node.',
		);
	}
	const binary = this.helpers.assertBinaryData(itemIndex, propertyName);
	const mimeProblem = checkMediaType(binary.mimeType, binary.fileName);
	if (mimeProblem) throw fail(`"Input Binary Field": ${mimeProblem}`);
	const file = await fileToSend.call(this, itemIndex, propertyName, binary);
	const sizeProblem = checkFileSize(file.size, file.fileName, propertyName);
	if (sizeProblem) throw fail(`"Input Binary Field": ${sizeProblem}`);

	return async () => {
		const result = await uploadFile.call(this, itemIndex, file);
		if (options.waitUntilReady === false) return [result];
		const status = await waitUntilReady.call(
			this,
			itemIndex,
			String(result.asset_id),
			interval.value,
			timeout.value,
		);
		return [{ ...result, upload_status: status.upload_status }];
	};
}
