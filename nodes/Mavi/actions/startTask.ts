import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { taskDataSchema } from '../helpers/schemas';
import type { Creation } from '../transport';
import { maviRequest } from '../transport';

/** POSTs an async endpoint, whose result goes to the trigger; returns the task_id. */
export async function startTask(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	body: IDataObject,
	creates: Extract<Creation, `${string}Task`>,
): Promise<string> {
	const request = { method: 'POST', path, body, creates } as const;
	const data = await maviRequest.call(this, itemIndex, request, taskDataSchema);
	return data.task_id;
}
