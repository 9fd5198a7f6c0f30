import { connect, type N8n } from './harness';

describe('the packed package in a real n8n', () => {
	let n8n: N8n;

	beforeAll(() => {
		n8n = connect();
	});

	it('loads both nodes under the package name with the Plum credential', async () => {
		const nodes = await n8n.exportNodes();
		const byName = new Map(nodes.map((node) => [node.name, node]));

		const action = byName.get('n8n-nodes-plumvoice.plumOutbound');
		const trigger = byName.get('n8n-nodes-plumvoice.plumOutboundTrigger');
		expect(action?.displayName).toBe('Plum Outbound');
		expect(trigger?.displayName).toBe('Plum Outbound Trigger');
		expect(action?.credentials?.map((credential) => credential.name)).toEqual(['plumVoiceApi']);
		expect(action?.properties.map((property) => property.name)).toEqual(
			expect.arrayContaining(['resource', 'operation', 'campaignName', 'startUrl', 'phoneNumber']),
		);
		expect(trigger?.properties.map((property) => property.name)).toEqual(expect.arrayContaining(['secret', 'statuses']));
	});

	it('knows the credential type plumVoiceApi through its public API', async () => {
		const schema = await n8n.api('GET', '/credentials/schema/plumVoiceApi');

		expect(Object.keys(schema.properties)).toEqual(
			expect.arrayContaining(['authMode', 'login', 'pin', 'email', 'developerKey', 'devBaseUrl', 'deploymentBaseUrl']),
		);
	});

	it('answers 404 for a credential type that does not exist, so the check above can fail', async () => {
		await expect(n8n.api('GET', '/credentials/schema/plumVoiceApiMissing')).rejects.toThrow(/40\d/);
	});
});
