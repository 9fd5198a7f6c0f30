import { hash } from 'crypto';
import type { DeduplicationHelperFunctions, IWebhookFunctions } from 'n8n-workflow';

/** How many callback keys the node remembers (each is 32 characters). */
export const REMEMBERED_CALLBACKS = 1000;

/** Key under the node's static data when n8n's deduplication store cannot be used. */
const STATIC_DATA_KEY = 'plumCallbackKeys';

function sha256(text: string): string {
	// The one-shot form: no hash object per callback.
	return hash('sha256', text, 'hex');
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
	if (rememberNew(seen, key)) return true;
	// Assigned again (not only mutated) so n8n notices the change and saves the static data.
	staticData[STATIC_DATA_KEY] = seen;
	return false;
}

/*
 * An index of each remembered-keys array, so a callback is looked up in a Set and not compared with up to 1,000
 * stored keys. It follows the array it was built from (n8n loads a new array when it reads the static data again)
 * and is rebuilt when the array's length says it was changed elsewhere.
 */
const indexes = new WeakMap<unknown[], Set<unknown>>();

/**
 * Whether `key` is among the remembered `keys` (oldest first); when not, adds it and forgets the oldest beyond
 * REMEMBERED_CALLBACKS. Exported for tests.
 */
export function rememberNew(keys: unknown[], key: string): boolean {
	let index = indexes.get(keys);
	if (index === undefined || index.size !== keys.length) {
		index = new Set(keys);
		// Repeats in a stored array (edited by hand) would never match the index's size: dropped once here.
		if (index.size !== keys.length) keys.splice(0, keys.length, ...index);
		indexes.set(keys, index);
	}
	if (index.has(key)) return true;
	keys.push(key);
	index.add(key);
	while (keys.length > REMEMBERED_CALLBACKS) index.delete(keys.shift());
	return false;
}
