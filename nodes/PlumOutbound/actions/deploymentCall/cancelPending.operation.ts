import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDeploymentAnswer } from '../../transport/deploymentAnswer';
import { getPlumConnection } from '../../transport/plumCredentials';
import { sendPlumRequest } from '../../transport/plumRequest';
import type { ItemOperation } from '../operationTypes';
import { deploymentIdFields, deploymentPath, readDeploymentTarget, type DeploymentTarget } from './deploymentSettings';

const properties: INodeProperties[] = [
	{
		displayName:
			'This cancels ALL pending calls of the deployment, not just the ones this workflow queued. Plum has no way to cancel a single call.',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['deploymentCall'], operation: ['cancelPending'] } },
	},
	...deploymentIdFields(['cancelPending']),
];

export const cancelPending: ItemOperation<DeploymentTarget> = {
	kind: 'perItem',
	description: properties,

	prepare(this: IExecuteFunctions, itemIndex: number): DeploymentTarget {
		return readDeploymentTarget(this, itemIndex);
	},

	async send(this: IExecuteFunctions, target: DeploymentTarget, itemIndex: number): Promise<IDataObject> {
		const connection = await getPlumConnection(this, 'deployment');
		const answer = await sendPlumRequest(this, connection, {
			method: 'DELETE',
			path: deploymentPath(target, 'cancel'),
			headers: { Accept: 'application/json' },
			timeoutMs: 60000,
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
