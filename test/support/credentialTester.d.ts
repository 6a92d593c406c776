import type { ICredentialType, IDataObject } from 'n8n-workflow';

export function testCredential(
	credentialType: ICredentialType,
	data: IDataObject,
): Promise<{ status: 'OK' | 'Error'; message: string }>;
