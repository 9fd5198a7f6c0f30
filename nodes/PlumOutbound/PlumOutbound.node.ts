import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { callDescription } from './actions/call';
import { deploymentCallDescription } from './actions/deploymentCall';
import { router } from './actions/router';

export class PlumOutbound implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Plum Outbound',
		name: 'plumOutbound',
		icon: { light: 'file:plumVoice.svg', dark: 'file:plumVoice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Queue outbound phone calls and campaigns with Plum Voice, and follow their status',
		defaults: { name: 'Plum Outbound' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'plumVoiceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Call (DEV Webservice)',
						value: 'call',
						description: 'Queue calls with your DEV login and PIN (queuecall.php, queuecalls.php)',
					},
					{
						name: 'Deployment Call',
						value: 'deploymentCall',
						description: 'Queue and follow calls of a Plum Fuse deployment with your e-mail and developer key',
					},
				],
				default: 'call',
			},
			...callDescription,
			...deploymentCallDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
