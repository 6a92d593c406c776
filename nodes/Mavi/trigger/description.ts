import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { outputProperty } from '../helpers/outputOption';
import { ALLOW_WITHOUT_TOKEN } from './auth';

export const triggerPanel: TriggerPanelDefinition = {
	header: 'Paste the production URL into the Mavi console',
	executionsHelp: {
		inactive:
			"<b>Set up once:</b> copy the <b>Production URL</b> above, add <code>?token=&lt;your secret&gt;</code> (the Webhook Token of the Mavi API credential) and paste it into the Mavi console → <b>Webhooks Settings</b>. Then publish the workflow (on n8n 1.x: activate it). <br /><br /><b>While building:</b> click 'Listen for test event' and send a callback to the test URL; it only works while the editor is listening.",
		active:
			'Mavi sends every async result of the account to the <b>Production URL</b> (with <code>?token=&lt;your secret&gt;</code>) set in the Mavi console → <b>Webhooks Settings</b>. Each finished transcription starts this workflow. <br /><br />The test URL only works while the editor is listening for a test event.',
	},
	activationHint:
		'Copy the production URL, add ?token= followed by your Webhook Token, paste it into Mavi console → Webhooks Settings, then publish (on n8n 1.x: activate) the workflow.',
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Set a Webhook Token in the Mavi API credential and add it to the URL in the Mavi console as ?token=&lt;your secret&gt;. Without one the workflow cannot be published or activated (unless "Allow Callbacks Without Token" is on).',
		name: 'tokenNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Allow Callbacks Without Token',
		name: ALLOW_WITHOUT_TOKEN,
		type: 'boolean',
		default: false,
		description:
			'Whether to accept callbacks when the Mavi API credential has no Webhook Token. Warning: then anyone who learns the webhook URL can start this workflow with made-up transcripts. Only for tests behind a private network.',
	},
	outputProperty,
	{
		displayName: 'Include Speaker Diarization Results',
		name: 'includeDiarization',
		type: 'boolean',
		default: false,
		description:
			'Whether to emit speaker diarization results (start, end and speaker, no text) as segment items with text null',
	},
	{
		displayName: 'Pass Through Other Results',
		name: 'passThroughOther',
		type: 'boolean',
		default: false,
		description:
			'Whether to emit other results sent to the same URL (video descriptions, summaries, editing, shapes this node does not know) as one item holding the raw body. When off they are acknowledged and ignored. Transcripts with named speakers are always emitted.',
	},
	{
		displayName: 'Ignore Failed Tasks',
		name: 'ignoreFailed',
		type: 'boolean',
		default: false,
		description:
			'Whether to drop callbacks that report a failed task. When off, a failed task emits one item {task_id, failed: true, error, code}.',
	},
	{
		displayName: 'Ignore Duplicate Deliveries',
		name: 'ignoreDuplicates',
		type: 'boolean',
		default: true,
		description:
			'Whether to drop a callback whose task_id this trigger already emitted (the last 1,000 per trigger, kept in memory until n8n restarts)',
	},
	{
		displayName: 'Task IDs',
		name: 'taskIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 016c7052f8224d5c971e35b7d08972fc, 9b2f…',
		description:
			'Only these tasks start the workflow (comma-separated, or an expression returning a list). Leave empty to accept every task.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Raw Payload',
				name: 'includeRawPayload',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the untouched callback body as raw_payload. With one item per segment or speaker turn it is added to the first item only, so a long transcript is not copied onto every item.',
			},
			{
				displayName: 'Include Request Headers',
				name: 'includeHeaders',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the request headers and query (never the token) as headers and query to the first item',
			},
		],
	},
];
