import type { INodeProperties } from 'n8n-workflow';

import type { PlumOperation } from '../operationTypes';
import { queue } from './queue.operation';
import { queueMany } from './queueMany.operation';

export const callOperations: Record<string, PlumOperation> = { queue, queueMany };

export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Queue a Call',
				value: 'queue',
				action: 'Queue a call',
				description: 'Queue one call per input item (queuecall.php)',
			},
			{
				name: 'Queue a Campaign',
				value: 'queueMany',
				action: 'Queue a campaign',
				description: 'Queue every input item, or a phone list file, as one campaign (queuecalls.php)',
			},
		],
		default: 'queueMany',
	},
	...queue.description,
	...queueMany.description,
];
