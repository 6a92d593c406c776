import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class MaviApi implements ICredentialType {
	name = 'maviApi';

	displayName = 'Mavi API';

	icon: Icon = { light: 'file:../icons/mavi.svg', dark: 'file:../icons/mavi.dark.svg' };

	documentationUrl = 'https://github.com/mavi-n8n/n8n-nodes-mavi#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your Mavi API key (sk-mavi-…) (Mavi console → API Keys). Sent as-is in the Authorization header; surrounding spaces are ignored.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://mavi-backend.memories.ai/serve/api/v2',
			description: 'The Mavi API base URL, without a trailing slash. Change it only for testing.',
		},
		{
			displayName: 'Webhook Token',
			name: 'webhookToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A secret of at least 16 characters that protects the Mavi Transcription Trigger, e.g. the output of "openssl rand -hex 32": add it to the webhook URL as ?token=… when you paste that URL under Webhooks Settings in the Mavi console; requests without it are rejected. A trigger whose credential has none (unless its "Allow Callbacks Without Token" is on) or a shorter one cannot be published.',
		},
	];

	// The raw key, no "Bearer" prefix; trimmed because pasted keys often carry a newline.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.apiKey.trim()}}',
			},
		},
	};

	// GET /re_0/metadata is free and read-only. n8n fails a test on any non-2xx status, so the
	// statuses are ignored and the body decides: Mavi answers 401/403 with that `code` for a bad
	// key, and anything else (typically 400 "Asset not found") means the key was accepted.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '/re_0/metadata',
			method: 'GET',
			ignoreHttpStatusErrors: true,
			// n8n would send the key on to wherever a redirect points.
			disableFollowRedirect: true,
		},
		rules: [
			// A redirect (not followed) or any other answer without Mavi's `code` is not Mavi.
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: undefined,
					message:
						'The Base URL did not answer as Mavi does (a redirect, which is not followed, or another server): check the Base URL',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 401, message: 'Mavi rejected the API key (401)' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: '401', message: 'Mavi rejected the API key (401)' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 403,
					message: 'Mavi refused access (403): account disabled or IP address not allowed',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: '403',
					message: 'Mavi refused access (403): account disabled or IP address not allowed',
				},
			},
		],
	};
}
