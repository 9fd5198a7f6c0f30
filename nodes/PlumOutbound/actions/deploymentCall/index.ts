import type { INodeProperties } from 'n8n-workflow';

import type { PlumOperation } from '../operationTypes';
import { cancelPending } from './cancelPending.operation';
import { getStatus } from './getStatus.operation';
import { queue } from './queue.operation';
import { queueMany } from './queueMany.operation';

export const deploymentCallOperations: Record<string, PlumOperation> = {
	queue,
	queueMany,
	getStatus,
	cancelPending,
};

export const deploymentCallDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['deploymentCall'] } },
		options: [
			{
				name: 'Bulk Queue',
				value: 'queueMany',
				action: 'Bulk queue calls',
				description: 'Queue every input item, or a contacts CSV, in one upload to the deployment',
			},
			{
				name: 'Cancel Pending Calls',
				value: 'cancelPending',
				action: 'Cancel pending calls',
				description: 'Cancel every call of the deployment that has not been dialed yet',
			},
			{
				name: 'Get Call Status',
				value: 'getStatus',
				action: 'Get call status',
				description: 'Read a queued call\'s status, attempts and events',
			},
			{
				name: 'Queue a Call',
				value: 'queue',
				action: 'Queue a call',
				description: 'Queue one call per input item, with call variables',
			},
		],
		default: 'queueMany',
	},
	...queue.description,
	...queueMany.description,
	...getStatus.description,
	...cancelPending.description,
];
