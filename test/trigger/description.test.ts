import type { INodeProperties } from 'n8n-workflow';

import { trigger } from './fakeWebhook';

const { description } = trigger;

function property(name: string): INodeProperties {
	const found = description.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

describe('Mavi Transcription Trigger description (shared contract)', () => {
	it('is a trigger with no inputs and no usableAsTool', () => {
		expect(description).toMatchObject({
			displayName: 'Mavi Transcription Trigger',
			name: 'maviTranscriptionTrigger',
			group: ['trigger'],
			// Workflows made with version 1 or 1.1 keep it; new triggers get 1.2 (Include Summaries on).
			version: [1, 1.1, 1.2],
			defaultVersion: 1.2,
			inputs: [],
			icon: { light: 'file:../../icons/mavi.svg', dark: 'file:../../icons/mavi.dark.svg' },
		});
		expect(description.usableAsTool).toBeUndefined();
	});

	it('has one POST webhook on path mavi that answers JSON on receipt', () => {
		expect(description.webhooks).toHaveLength(1);
		const [webhook] = description.webhooks ?? [];
		expect(webhook).toMatchObject({
			name: 'default',
			httpMethod: 'POST',
			responseMode: 'onReceived',
			path: 'mavi',
		});
		// Empty and static: n8n then sends the webhookResponse webhook() returns (proven in e2e).
		expect(webhook.responseData).toBe('');
	});

	it('has the parameters and defaults of the shared contract', () => {
		expect(property('output').default).toBe('segments');
		expect(
			(property('output').options ?? []).map((option) => (option as { value: string }).value),
		).toEqual(['segments', 'speakerTurns', 'transcript']);
		expect(property('includeDiarization').default).toBe(false);
		expect(property('passThroughOther').default).toBe(false);
		// Off where the node is 1 or 1.1 (their unsaved default must not change), on from 1.2.
		const summaries = description.properties.filter((p) => p.name === 'includeSummaries');
		expect(summaries.map((p) => [p.default, p.displayOptions])).toEqual([
			[false, { show: { '@version': [1, 1.1] } }],
			[true, { hide: { '@version': [1, 1.1] } }],
		]);
		expect(property('ignoreFailed').default).toBe(false);
		expect(property('ignoreDuplicates').default).toBe(true);
		expect(property('taskIds').default).toBe('');
		const options = (property('options').options ?? []) as INodeProperties[];
		expect(options.map((option) => option.name).sort()).toEqual([
			'includeHeaders',
			'includeRawPayload',
			'speakerNames',
		]);
	});

	it('shows a notice recommending a Webhook Token', () => {
		expect(property('tokenNotice').type).toBe('notice');
		expect(property('tokenNotice').displayName).toMatch(/Webhook Token/);
	});

	it('tells the user to paste the production URL with ?token= into the Mavi console', () => {
		const panel = JSON.stringify(description.triggerPanel);
		expect(panel).toMatch(/Production URL/);
		expect(panel).toMatch(/\?token=/);
		expect(panel).toMatch(/Webhooks Settings/);
		expect(panel).toMatch(/publish/i);
		expect(panel).toMatch(/test URL only works while the editor is listening/);
	});

	it('implements the whole webhook lifecycle', () => {
		const methods = trigger.webhookMethods.default;
		expect(typeof methods.checkExists).toBe('function');
		expect(typeof methods.create).toBe('function');
		expect(typeof methods.delete).toBe('function');
	});
});
