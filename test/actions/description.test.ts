import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { MaviTranscribe } from '../../nodes/Mavi/MaviTranscribe.node';
import { MaviTranscriptionTrigger } from '../../nodes/Mavi/MaviTranscriptionTrigger.node';
import codex from '../../nodes/Mavi/MaviTranscribe.node.json';

const { description } = new MaviTranscribe();

function propertiesFor(resource: string, operation: string): INodeProperties[] {
	return description.properties.filter((property) => {
		const show = property.displayOptions?.show;
		return show?.resource?.includes(resource) && show?.operation?.includes(operation);
	});
}

function valuesOf(property: INodeProperties | undefined): unknown[] {
	return ((property?.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
}

describe('Mavi Transcribe description (shared contract)', () => {
	it('is a themed, tool-usable programmatic node with the maviApi credential', () => {
		expect(description.name).toBe('maviTranscribe');
		expect(description.displayName).toBe('Mavi Transcribe');
		expect(description.version).toBe(1);
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toBe(
			'={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		);
		expect(description.icon).toEqual({
			light: 'file:../../icons/mavi.svg',
			dark: 'file:../../icons/mavi.dark.svg',
		});
		expect(description.credentials).toEqual([{ name: 'maviApi', required: true }]);
	});

	it('offers the agreed resources and operations', () => {
		const resource = description.properties.find((p) => p.name === 'resource');
		expect(valuesOf(resource)).toEqual(['asset', 'speaker', 'transcription']);
		expect(resource?.default).toBe('transcription');
		const operations = Object.fromEntries(
			description.properties
				.filter((p) => p.name === 'operation')
				.map((p) => [p.displayOptions?.show?.resource?.[0], valuesOf(p)]),
		);
		expect(operations).toEqual({
			asset: ['delete', 'getStatus', 'upload'],
			speaker: ['diarizeAndWait', 'recognizeNamedSpeakers', 'start'],
			transcription: ['start', 'summarize', 'transcribeAndWait', 'transcribeFromUrl'],
		});
	});

	it('uses the agreed parameter names and defaults', () => {
		const upload = propertiesFor('asset', 'upload');
		expect(upload.find((p) => p.name === 'binaryPropertyName')?.default).toBe('data');
		const options = upload.find((p) => p.name === 'options')?.options as INodeProperties[];
		expect(Object.fromEntries(options.map((o) => [o.name, o.default]))).toEqual({
			pollInterval: 2,
			timeout: 300,
			waitUntilReady: true,
		});
		for (const [resource, operation] of [
			['asset', 'getStatus'],
			['asset', 'delete'],
			['transcription', 'start'],
			['transcription', 'transcribeAndWait'],
			['speaker', 'start'],
			['speaker', 'diarizeAndWait'],
		]) {
			expect(propertiesFor(resource, operation).map((p) => p.name)).toContain('assetId');
		}
		const transcribe = propertiesFor('transcription', 'transcribeAndWait');
		expect(valuesOf(transcribe.find((p) => p.name === 'model'))).toEqual(['whisper-1']);
		expect(transcribe.find((p) => p.name === 'speaker')).toMatchObject({
			type: 'boolean',
			default: false,
			displayName: 'Identify Speakers',
		});
		// One Output vocabulary: every transcribing operation offers the trigger's own choices.
		const triggerOutput = new MaviTranscriptionTrigger().description.properties.find(
			(p) => p.name === 'output',
		);
		for (const [resource, operation] of [
			['transcription', 'transcribeAndWait'],
			['transcription', 'transcribeFromUrl'],
			['speaker', 'diarizeAndWait'],
		]) {
			const output = propertiesFor(resource, operation).find((p) => p.name === 'output');
			expect({ ...output, displayOptions: undefined }).toEqual(triggerOutput);
			expect(valuesOf(output)).toEqual(['segments', 'speakerTurns', 'transcript']);
		}
	});

	it('sorts every option list alphabetically by name', () => {
		const lists: Array<{ name: string }[]> = [];
		const visit = (properties: INodeProperties[]) => {
			for (const property of properties) {
				if (property.type === 'options') lists.push(property.options as INodePropertyOptions[]);
				if (property.type === 'collection') {
					lists.push(property.options as INodeProperties[]);
					visit(property.options as INodeProperties[]);
				}
			}
		};
		visit(description.properties);
		for (const list of lists) {
			const names = list.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	it('has a codex with allowed categories and documentation links', () => {
		expect(codex.node).toBe('n8n-nodes-mavi.maviTranscribe');
		expect(codex.categories).toEqual(['Productivity', 'Communication']);
		expect(codex.resources.primaryDocumentation[0].url).toBe(
			'https://github.com/mavi-n8n/n8n-nodes-mavi#readme',
		);
	});
});
