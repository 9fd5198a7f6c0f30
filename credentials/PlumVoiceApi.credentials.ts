import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { applyPlumAuthentication } from './plumAuthentication';

export class PlumVoiceApi implements ICredentialType {
	name = 'plumVoiceApi';

	displayName = 'Plum Voice API';

	icon: Icon = { light: 'file:plumVoice.svg', dark: 'file:plumVoice.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-plumvoice/n8n-nodes-plumvoice#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'DEV Login and PIN (Outbound Webservice)',
					value: 'devLoginPin',
					description: 'For Queue a Call and Queue a Campaign (queuecall.php, queuecalls.php)',
				},
				{
					name: 'E-Mail and Developer Key (Deployment API)',
					value: 'deploymentApiKey',
					description: 'For the deployment operations (Plum Fuse): queue, bulk queue, status, cancel',
				},
			],
			default: 'devLoginPin',
		},
		{
			displayName: 'Login',
			name: 'login',
			type: 'string',
			default: '',
			required: true,
			description: 'Your Plum DEV login name (at most 128 characters)',
			displayOptions: { show: { authMode: ['devLoginPin'] } },
		},
		{
			displayName: 'PIN',
			name: 'pin',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your outbound calling PIN (at most 16 characters). Plum account management issues it on request.',
			displayOptions: { show: { authMode: ['devLoginPin'] } },
		},
		{
			displayName: 'E-Mail',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The e-mail address you log in to Plum Fuse with',
			displayOptions: { show: { authMode: ['deploymentApiKey'] } },
		},
		{
			displayName: 'Developer Key',
			name: 'developerKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The developer key from Account Settings in Plum Fuse',
			displayOptions: { show: { authMode: ['deploymentApiKey'] } },
		},
		{
			displayName: 'Webservice Base URL',
			name: 'devBaseUrl',
			type: 'string',
			default: 'http://outbound.vxml.sharpencx.com/webservice',
			description:
				'Where queuecall.php and queuecalls.php live. Older accounts use http://outbound.plumvoice.com/webservice, UK accounts http://outbound-uk.plumvoice.com/webservice.',
			displayOptions: { show: { authMode: ['devLoginPin'] } },
		},
		{
			displayName: 'Deployment API Base URL',
			name: 'deploymentBaseUrl',
			type: 'string',
			default: 'https://fuse.plumvoice.com/api',
			description: 'The Plum Fuse API root',
			displayOptions: { show: { authMode: ['deploymentApiKey'] } },
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => applyPlumAuthentication(credentials, requestOptions);

	// Never dials: the DEV check is a queue request with no phone number and no start URL, which Plum can only
	// refuse; the deployment check reads the status of call 0, which does not exist (404 means the key works).
	test: ICredentialTestRequest = {
		request: {
			method: '={{ $credentials.authMode === "deploymentApiKey" ? "GET" : "POST" }}' as IHttpRequestOptions['method'],
			url: '={{ $credentials.authMode === "deploymentApiKey" ? $credentials.deploymentBaseUrl.replace(/\\/+$/, "") + "/outbound/0" : $credentials.devBaseUrl.replace(/\\/+$/, "") + "/queuecall.php" }}',
			headers: { Accept: 'application/json' },
			body: {},
			// 404 (no call 0) and Plum's refusal of an empty queue request both mean the credentials got through.
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403] },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Plum refused these credentials (HTTP 401): check the e-mail and developer key, and that the account is active',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Plum says this user may not use the deployment API (HTTP 403): ask your Plum administrator for access',
				},
			},
		],
	};
}
