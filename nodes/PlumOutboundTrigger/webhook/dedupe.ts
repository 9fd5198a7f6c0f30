import { createHash } from 'crypto';
import type { DeduplicationHelperFunctions, IWebhookFunctions } from 'n8n-workflow';

/** How many callback keys the node remembers (each is 32 characters). */
export const REMEMBERED_CALLBACKS = 1000;

/** Key under the node's static data when n8n's deduplication store cannot be used. */
const STATIC_DATA_KEY = 'plumCallbackKeys';

function sha256(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Identifies one callback: the call (call_id, else message_reference, else the whole body) plus its
 * status. Hashed, so what is stored is short and holds no phone number or reference.
 */
export function callbackKey(result: Record<string, unknown>, bodyText: string): string {
	const callId = result.call_id;
	const reference = result.message_reference;
	const call =
		typeof callId === 'string' && callId !== ''
			? `call_id:${callId}`
			: typeof reference === 'string' && reference !== ''
				? `message_reference:${reference}`
				: `body:${sha256(bodyText)}`;
	const status = typeof result.status === 'string' ? result.status : '';
	return sha256(`${call}|${status}`).slice(0, 32);
}

/**
 * Records the key and tells whether it was seen before. n8n's deduplication store (kept in n8n's
 * database, shared by every process in queue mode) is used when the context offers it; n8n 2.41
 * offers it to execute() but not to webhook(), so the node's workflow static data is the fallback:
 * n8n saves it after each production webhook call, but two copies of one callback that arrive at the
 * same moment can both pass.
 */
export async function isRepeatedCallback(context: IWebhookFunctions, key: string): Promise<boolean> {
	const helpers = context.helpers as Partial<DeduplicationHelperFunctions>;
	if (typeof helpers.checkProcessedAndRecord === 'function') {
		const outcome = await helpers.checkProcessedAndRecord([key], 'node', {
			mode: 'entries',
			maxEntries: REMEMBERED_CALLBACKS,
		});
		return outcome.processed.length > 0;
	}
	const staticData = context.getWorkflowStaticData('node');
	const stored = staticData[STATIC_DATA_KEY];
	const seen: unknown[] = Array.isArray(stored) ? stored : [];
	if (seen.includes(key)) return true;
	seen.push(key);
	if (seen.length > REMEMBERED_CALLBACKS) seen.splice(0, seen.length - REMEMBERED_CALLBACKS);
	// Assigned again (not only mutated) so n8n notices the change and saves the static data.
	staticData[STATIC_DATA_KEY] = seen;
	return false;
}
