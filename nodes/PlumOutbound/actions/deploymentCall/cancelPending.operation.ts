import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDeploymentAnswer } from '../../transport/deploymentAnswer';
import { getPlumConnection } from '../../transport/plumCredentials';
import { sendPlumRequest } from '../../transport/plumRequest';
import { readTimeout, timeoutOption } from '../../helpers/timeoutOption';
import type { ItemOperation } from '../operationTypes';
import { deploymentIdFields, deploymentPath, readDeploymentTarget, type DeploymentTarget } from './deploymentSettings';

const show = { resource: ['deploymentCall'], operation: ['cancelPending'] };
const DEFAULT_TIMEOUT_MS = 60000;

const properties: INodeProperties[] = [
	{
		displayName:
			'This cancels ALL pending calls of the deployment, not just the ones this workflow queued. Plum has no way to cancel a single call.',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...deploymentIdFields(['cancelPending']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			timeoutOption(DEFAULT_TIMEOUT_MS, false),
		],
	},
];

interface PreparedCancel {
	target: DeploymentTarget;
	timeoutMs: number;
}

export const cancelPending: ItemOperation<PreparedCancel> = {
	kind: 'perItem',
	description: properties,

	prepare(this: IExecuteFunctions, itemIndex: number): PreparedCancel {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			target: readDeploymentTarget(this, itemIndex),
			timeoutMs: readTimeout(options.timeout, itemIndex, DEFAULT_TIMEOUT_MS),
		};
	},

	async send(this: IExecuteFunctions, prepared: PreparedCancel, itemIndex: number): Promise<IDataObject> {
		const { target } = prepared;
		const connection = await getPlumConnection(this, 'deployment');
		const answer = await sendPlumRequest(this, connection, {
			method: 'DELETE',
			path: deploymentPath(target, 'cancel'),
			headers: { Accept: 'application/json' },
			timeoutMs: prepared.timeoutMs,
			itemIndex,
		});
		readDeploymentAnswer(this.getNode(), answer, target, itemIndex);
		return {
			canceled: true,
			application_id: target.applicationId,
			deployment_id: target.deploymentId,
			http_status: answer.statusCode,
		};
	},
};
