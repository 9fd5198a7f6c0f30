import FormData from 'form-data';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildBulkCsv, chooseColumns, readBulkCsvFile, type BulkColumn, type BulkRow } from '../../../shared/csv/bulkCsv';
import { PlumInputError } from '../../../shared/validation/InputProblem';
import { collectProblems } from '../../../shared/validation/collect';
import { normalizePhoneParts, type PhoneParts } from '../../../shared/validation/phoneNumber';
import { perItemParameter, plainJsonField } from '../../helpers/perItemParameter';
import { readDeploymentAnswer } from '../../transport/deploymentAnswer';
import { getPlumConnection } from '../../transport/plumCredentials';
import { sendPlumRequest } from '../../transport/plumRequest';
import type { BatchOperation } from '../operationTypes';
import {
	deploymentIdFields,
	deploymentOptionsField,
	deploymentPath,
	deploymentResultUrlField,
	readDeploymentQueueSettings,
	readDeploymentTarget,
} from './deploymentSettings';

const show = { resource: ['deploymentCall'], operation: ['queueMany'] };
const showItems = { ...show, source: ['items'] };

const properties: INodeProperties[] = [
	...deploymentIdFields(['queueMany']),
	{
		displayName: 'Contacts From',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Input Items', value: 'items', description: 'One call per input item; item fields become call variables' },
			{
				name: 'CSV File',
				value: 'binary',
				description: 'A contacts CSV in a binary property: header row first, first column "destination"',
			},
		],
		default: 'items',
		displayOptions: { show },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '={{ $json.phone }}',
		description: 'The number to dial for each item, usually an expression such as {{ $JSON.phone }}. It becomes the CSV\'s destination column.',
		displayOptions: { show: showItems },
	},
	{
		displayName: 'Variable Columns',
		name: 'columns',
		type: 'options',
		options: [
			{ name: 'All Item Fields', value: 'all', description: 'Every field of the items becomes a CSV column (except the phone field)' },
			{ name: 'Chosen Fields', value: 'chosen', description: 'Only the fields listed below, optionally renamed' },
		],
		default: 'all',
		description: 'Which item fields become CSV columns, which the call reads as variables',
		displayOptions: { show: showItems },
	},
	{
		displayName: 'Fields',
		name: 'chosenColumns',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add field',
		default: {},
		displayOptions: { show: { ...showItems, columns: ['chosen'] } },
		options: [
			{
				displayName: 'Field',
				name: 'column',
				values: [
					{
						displayName: 'Item Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'first_name',
						description: 'The name of the field in the input items',
					},
					{
						displayName: 'Column Name',
						name: 'header',
						type: 'string',
						default: '',
						placeholder: 'first_name',
						description: 'The CSV column (variable) name; empty keeps the field name. Letters, digits and underscores.',
					},
				],
			},
		],
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'The binary property of the first input item that holds the contacts CSV',
		displayOptions: { show: { ...show, source: ['binary'] } },
	},
	deploymentResultUrlField('queueMany'),
	deploymentOptionsField('queueMany'),
];

interface ContactsCsv {
	rows: BulkRow[];
	columns: BulkColumn[];
}

export const queueMany: BatchOperation = {
	kind: 'batch',
	description: properties,

	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const target = readDeploymentTarget(this, 0);
		const settings = readDeploymentQueueSettings(this, 0);
		const source = this.getNodeParameter('source', 0, 'items') as string;
		const contacts =
			source === 'binary'
				? await readContactsFromFile(this, settings.callerId)
				: readContactsFromItems(this, items, settings.callerId);
		if (contacts.rows.length === 0) {
			throw new PlumInputError({
				field: source === 'binary' ? 'Input Binary Field' : 'Phone Number',
				rule: 'gave no contacts, so there is nothing to queue',
				fix: 'Feed the node at least one item (or a CSV with at least one contact row).',
			});
		}
		const csv = buildBulkCsv(contacts.rows, contacts.columns);

		const connection = await getPlumConnection(this, 'deployment');
		const answer = await sendPlumRequest(this, connection, {
			method: 'POST',
			path: deploymentPath(target, 'bulk_queue'),
			headers: { Accept: 'application/json' },
			body: () => {
				const form = new FormData();
				for (const [name, value] of Object.entries(settings.fields)) form.append(name, value);
				form.append('csv', csv, { filename: 'contacts.csv', contentType: 'text/csv' });
				return form;
			},
			timeoutMs: settings.timeoutMs,
			itemIndex: 0,
		});
		const body = readDeploymentAnswer(this.getNode(), answer, target, 0);
		const callsQueued = Number(body.calls_queued);
		return [
			{
				json: {
					calls_queued: Number.isFinite(callsQueued) ? callsQueued : null,
					contacts_sent: contacts.rows.length,
					application_id: target.applicationId,
					deployment_id: target.deploymentId,
				},
				pairedItem: items.map((_item, itemIndex) => ({ item: itemIndex })),
			},
		];
	},
};

function readContactsFromItems(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	callerId: string | undefined,
): ContactsCsv {
	const phoneNumberOf = perItemParameter(context, 'phoneNumber', items);
	// The phone number already travels as the destination column, so its field is no variable column.
	const phoneField = plainJsonField(context, 'phoneNumber');
	const mode = context.getNodeParameter('columns', 0, 'all') as 'all' | 'chosen';
	const chosen = mode === 'chosen' ? readChosenColumns(context) : [];
	// Rows read the items' own objects: copying 100,000 of them (and deleting a key, which makes V8 store each
	// copy as a slow dictionary) cost more than the whole CSV. A chosen column naming the phone field still
	// gets empty cells, so only then are the copies made without it.
	const copyWithoutPhone = phoneField !== undefined && chosen.some((column) => column.source === phoneField);
	// One place moved along the items (the validator copies the index only when it throws), not one per item.
	const phonePlace = { itemIndex: 0, callerId };
	const phone: PhoneParts = { digits: '', suffix: '' };
	const { values: rows, problems, total } = collectProblems(items.length, (itemIndex): BulkRow => {
		phonePlace.itemIndex = itemIndex;
		normalizePhoneParts(phoneNumberOf(itemIndex), phonePlace, phone);
		const json = items[itemIndex].json;
		return {
			telDigits: phone.digits,
			telSuffix: phone.suffix,
			values: copyWithoutPhone ? withoutField(json, phoneField as string) : json,
		};
	});
	if (total > 0) throw new PlumInputError(problems, total);
	if (mode === 'chosen') return { rows, columns: chooseColumns(rows, 'chosen', chosen) };
	const columns = chooseColumns(rows, 'all');
	return { rows, columns: phoneField === undefined ? columns : columns.filter((column) => column.source !== phoneField) };
}

function readChosenColumns(context: IExecuteFunctions): BulkColumn[] {
	const chosen = context.getNodeParameter('chosenColumns.column', 0, []) as Array<{ field?: string; header?: string }>;
	return chosen.map((column) => {
		const field = String(column.field ?? '').trim();
		const header = String(column.header ?? '').trim();
		return { source: field, header: header === '' ? field : header };
	});
}

function withoutField(json: IDataObject, field: string): IDataObject {
	const copy = { ...json };
	delete copy[field];
	return copy;
}

async function readContactsFromFile(context: IExecuteFunctions, callerId: string | undefined): Promise<ContactsCsv> {
	const propertyName = context.getNodeParameter('binaryPropertyName', 0, 'data') as string;
	context.helpers.assertBinaryData(0, propertyName);
	const buffer = await context.helpers.getBinaryDataBuffer(0, propertyName);
	const file = readBulkCsvFile(buffer.toString('utf8'));
	const phone: PhoneParts = { digits: '', suffix: '' };
	const { values: rows, problems, total } = collectProblems(file.rows.length, (index): BulkRow => {
		const row = file.rows[index];
		normalizePhoneParts(row.destination, { line: row.line, callerId, field: 'destination' }, phone);
		return { telDigits: phone.digits, telSuffix: phone.suffix, values: row.values, line: row.line };
	});
	if (total > 0) throw new PlumInputError(problems, total);
	return { rows, columns: file.columns.map((column) => ({ source: column, header: column })) };
}
