import { WebhookRejection } from './WebhookRejection';

/**
 * Form fields (application/x-www-form-urlencoded) into an object, reading PHP-style names the way
 * PHP does: `events[0][event]=queued` becomes `{ events: [{ event: 'queued' }] }` and `tag[]=a&tag[]=b`
 * becomes `{ tag: ['a', 'b'] }`. Plum's servers run PHP, so a callback with a list in it is most
 * likely posted this way. Values stay text, exactly as sent.
 */

/** Same cap as n8n's own form parser (querystring maxKeys 1000). */
const MAX_FIELDS = 1000;

/** Deeper names are kept as one literal field name rather than nested. */
const MAX_DEPTH = 8;

/** Field names that could reach an object's prototype; no real callback uses them. */
const UNSAFE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

const BRACKETED_NAME = /^([^[\]]+)((?:\[[^[\]]*\])+)$/;

const INTEGER_KEY = /^\d+$/;

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 'events[0][event]' -> ['events', '0', 'event']; 'tag[]' -> ['tag', '']; 'plain' -> ['plain']. */
export function splitFieldName(name: string): string[] {
	const match = BRACKETED_NAME.exec(name);
	if (!match) return [name];
	const segments = [match[1]];
	for (const bracket of match[2].matchAll(/\[([^[\]]*)\]/g)) segments.push(bracket[1]);
	return segments.length > MAX_DEPTH ? [name] : segments;
}

function nextIndex(tree: Tree): string {
	let next = 0;
	for (const key of Object.keys(tree)) {
		if (INTEGER_KEY.test(key)) next = Math.max(next, Number(key) + 1);
	}
	return String(next);
}

function assign(root: Tree, path: string[], value: string): void {
	let target = root;
	for (const segment of path.slice(0, -1)) {
		const key = segment === '' ? nextIndex(target) : segment;
		const child = target[key];
		if (isTree(child)) {
			target = child;
		} else {
			// As in PHP, a nested name replaces a plain value given earlier under the same name.
			const created: Tree = {};
			target[key] = created;
			target = created;
		}
	}
	const last = path[path.length - 1];
	const key = last === '' ? nextIndex(target) : last;
	const existing = target[key];
	// A plain name sent twice keeps both values (PHP would keep the last; losing one helps nobody).
	if (typeof existing === 'string') target[key] = [existing, value];
	else if (Array.isArray(existing)) existing.push(value);
	else target[key] = value;
}

/** Objects keyed 0, 1, 2… become arrays in key order, at every depth. */
function arraysFromIndexedObjects(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(arraysFromIndexedObjects);
	if (!isTree(value)) return value;
	const keys = Object.keys(value);
	if (keys.length > 0 && keys.every((key) => INTEGER_KEY.test(key))) {
		return keys
			.sort((a, b) => Number(a) - Number(b))
			.map((key) => arraysFromIndexedObjects(value[key]));
	}
	const result: Tree = {};
	for (const key of keys) result[key] = arraysFromIndexedObjects(value[key]);
	return result;
}

export function parseFormFields(text: string): Record<string, unknown> {
	const root: Tree = {};
	let count = 0;
	for (const [name, value] of new URLSearchParams(text)) {
		count += 1;
		if (count > MAX_FIELDS) {
			throw new WebhookRejection(400, `Request body has more than ${MAX_FIELDS} form fields.`);
		}
		if (name === '') continue;
		const path = splitFieldName(name);
		if (path.some((segment) => UNSAFE_SEGMENTS.has(segment))) continue;
		assign(root, path, value);
	}
	// The top level stays an object even when every name is a number.
	const fields: Tree = {};
	for (const key of Object.keys(root)) fields[key] = arraysFromIndexedObjects(root[key]);
	return fields;
}
