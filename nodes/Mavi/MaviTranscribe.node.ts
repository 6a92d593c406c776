import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as asset from './actions/asset';
import { router } from './actions/router';
import * as speaker from './actions/speaker';
import * as transcription from './actions/transcription';

export class MaviTranscribe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mavi Transcribe',
		name: 'maviTranscribe',
		icon: { light: 'file:../../icons/mavi.svg', dark: 'file:../../icons/mavi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Upload audio or video to Mavi (memories.ai), transcribe it and identify speakers',
		defaults: { name: 'Mavi Transcribe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'maviApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Asset', value: 'asset' },
					{ name: 'Speaker', value: 'speaker' },
					{ name: 'Transcription', value: 'transcription' },
				],
				default: 'transcription',
			},
			...asset.description,
			...speaker.description,
			...transcription.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Read here, where n8n's rules look for it: with "On Error: Continue" a failed item
		// becomes an { error } item instead of stopping the run.
		return await router.call(this, this.continueOnFail());
	}
}
