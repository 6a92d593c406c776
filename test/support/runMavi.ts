import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MaviApi } from '../../credentials/MaviApi.credentials';
import { MaviTranscribe } from '../../nodes/Mavi/MaviTranscribe.node';
import type { RunNodeOptions, RunNodeResult } from './workflowRunner';
import { runNode } from './workflowRunner';

/** Runs the Mavi Transcribe node in n8n's real WorkflowExecute against `credentials`. */
export async function runTranscribe(
	parameters: INodeParameters,
	credentials: IDataObject,
	options: Partial<Pick<RunNodeOptions, 'inputItems' | 'continueOnFail' | 'cancelWhen'>> = {},
): Promise<RunNodeResult> {
	return await runNode({
		node: new MaviTranscribe(),
		credentialType: new MaviApi(),
		parameters,
		credentials,
		...options,
	});
}

/** Transcription -> Start parameters for `assetId` (a literal ID or an expression). */
export function transcriptionStart(assetId: string, speaker = false): INodeParameters {
	return { resource: 'transcription', operation: 'start', assetId, model: 'whisper-1', speaker };
}

/** Every string anywhere in the run, error included, for leak checks. */
export function everythingSaid(result: RunNodeResult): string {
	const { error } = result;
	const errorParts = error
		? [error.message, error.description ?? '', error.stack ?? '', JSON.stringify(error)]
		: [];
	return [...errorParts, JSON.stringify(result.items), JSON.stringify(result.run)].join('\n');
}
