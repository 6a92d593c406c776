import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toFiniteNumber } from '../../helpers/normalize';
import type { AssetMetadata } from '../../helpers/schemas';
import { metadataDataSchema } from '../../helpers/schemas';
import { maviRequest, METADATA_ENDPOINT } from '../../transport';

/** GET /{asset_id}/metadata, reduced to the one asset it describes. */
export async function fetchAssetMetadata(
	this: IExecuteFunctions,
	itemIndex: number,
	assetId: string,
): Promise<AssetMetadata> {
	const data = await maviRequest.call(
		this,
		itemIndex,
		{ method: 'GET', path: `/${assetId}/metadata`, endpoint: METADATA_ENDPOINT },
		metadataDataSchema,
	);
	return data.resource[0];
}

/** The asset's status as an output item; Mavi sends sizes and times as strings. */
export function assetStatusItem(assetId: string, metadata: AssetMetadata): IDataObject {
	return {
		asset_id: assetId,
		upload_status: metadata.upload_status,
		file_name: metadata.file_name ?? null,
		mime_type: metadata.mime_type ?? null,
		file_size: toFiniteNumber(metadata.file_size) ?? null,
		create_time: toFiniteNumber(metadata.create_time) ?? null,
		modify_time: toFiniteNumber(metadata.modify_time) ?? null,
	};
}
