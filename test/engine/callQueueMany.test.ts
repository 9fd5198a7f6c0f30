import { itemsFrom, runPlumNode } from '../helpers/engine';
import { devCredentials, SANDBOX_SECRETS, startTestSandbox, type Sandbox } from '../helpers/sandbox';

const crmExport = [
	{ id: 'c-1', first_name: 'Ana', phone: '(617) 555-0101' },
	{ id: 'c-2', first_name: 'Ben', phone: '+1 617-555-0102' },
	{ id: 'c-3', first_name: 'Cy', phone: '16175550103' },
	{ id: 'c-4', first_name: 'Di', phone: 'tel:+16175550104;postd=12' },
	{ id: 'c-5', first_name: 'Ed', phone: '617.555.0105' },
];

const campaignParameters = {
	resource: 'call',
	operation: 'queueMany',
	campaignName: 'December reminders',
	startUrl: 'https://ivr.example.com/start.vxml',
	source: 'items',
	phoneNumber: '={{ $json.phone }}',
	messageReference: '={{ $json.id }}',
	callParameters: "={{ 'first_name=' + $json.first_name }}",
	options: { maxRetries: 2, retryInterval: 600 },
};

describe('Queue a Campaign in the n8n engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	test('sends exactly one upload whose phone list holds the 5 rows in order, and pairs 5 call ids to their inputs', async () => {
		const { output, error } = await runPlumNode({
			parameters: campaignParameters,
			items: itemsFrom(crmExport),
			credentials: devCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		const uploads = sandbox.requests.filter((request) => request.endpoint === 'queuecalls');
		expect(uploads).toHaveLength(1);
		expect(sandbox.queueRequestCount()).toBe(1);
		expect(uploads[0].contentType).toMatch(/^multipart\/form-data/);
		expect(uploads[0].fields.campaign_name).toBe('December reminders');
		expect(uploads[0].fields.max_retries).toBe('2');
		expect((uploads[0].files.phone_list.content ?? '').trimEnd().split('\n')).toEqual([
			'tel:+16175550101,c-1,first_name=Ana',
			'tel:+16175550102,c-2,first_name=Ben',
			'tel:+16175550103,c-3,first_name=Cy',
			'tel:+16175550104;postd=12,c-4,first_name=Di',
			'tel:+16175550105,c-5,first_name=Ed',
		]);

		expect(output).toHaveLength(5);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.call_id).toMatch(/^\d+$/);
			expect(item.json.message_reference).toBe(crmExport[index].id);
		});
		expect(new Set(output.map((item) => item.json.call_id)).size).toBe(5);
	});

	test("adds Plum's own number only where Plum queued a different one (its account caller ID added)", async () => {
		// The sandbox, like Plum, adds the account's caller ID to numbers sent without ;ani=.
		const { output, error } = await runPlumNode({
			parameters: campaignParameters,
			items: itemsFrom(crmExport.slice(0, 2)),
			credentials: devCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.plum_phone_number)).toEqual([
			'tel:+16175550101;ani=8005550100',
			'tel:+16175550102;ani=8005550100',
		]);
		expect(output.map((item) => item.json.phone_number)).toEqual(['tel:+16175550101', 'tel:+16175550102']);

		const withCallerId = await runPlumNode({
			parameters: { ...campaignParameters, campaignName: 'December reminders (caller ID)', options: { callerId: '800-555-0100' } },
			items: itemsFrom(crmExport.slice(0, 2)),
			credentials: devCredentials(sandbox),
		});
		expect(withCallerId.error).toBeUndefined();
		expect(withCallerId.output.map((item) => item.json.phone_number)).toEqual([
			'tel:+16175550101;ani=8005550100',
			'tel:+16175550102;ani=8005550100',
		]);
		expect(withCallerId.output.map((item) => 'plum_phone_number' in item.json)).toEqual([false, false]);
		expect(withCallerId.output.map((item) => item.json.status)).toEqual(['queued', 'queued']);
	});

	test('one invalid item among five sends nothing and names the item and the field', async () => {
		const rows = crmExport.map((row) => ({ ...row }));
		rows[3].phone = '617-CALL-NOW';
		const { output, error } = await runPlumNode({
			parameters: campaignParameters,
			items: itemsFrom(rows),
			credentials: devCredentials(sandbox),
		});
		expect(output).toEqual([]);
		expect(error?.message).toContain('[item 3]');
		expect(error?.message).toContain('Phone Number');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a comma inside a message reference is refused before sending, naming the row and field', async () => {
		const rows = crmExport.map((row) => ({ ...row }));
		rows[1].id = 'c-2,extra';
		const { error } = await runPlumNode({
			parameters: campaignParameters,
			items: itemsFrom(rows),
			credentials: devCredentials(sandbox),
		});
		expect(error?.message).toContain('[item 1]');
		expect(error?.message).toContain('Message Reference');
		expect(sandbox.queueRequestCount()).toBe(0);
	});

	test('with Continue On Fail an invalid campaign gives one error item per input and still sends nothing', async () => {
		const rows = crmExport.map((row) => ({ ...row }));
		rows[0].phone = '12';
		const { output } = await runPlumNode({
			parameters: campaignParameters,
			items: itemsFrom(rows),
			credentials: devCredentials(sandbox),
			continueOnFail: true,
		});
		expect(output).toHaveLength(5);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(String(item.json.error)).toContain('[item 0]');
		});
		expect(sandbox.queueRequestCount()).toBe(0);
	});

	test('a phone list file from a binary property becomes one campaign', async () => {
		const file = Buffer.from('6175550111,ref-a\r\n(617) 555-0112,ref-b,lang=es\r\n\r\n');
		const { output, error } = await runPlumNode({
			parameters: { ...campaignParameters, source: 'binary', binaryPropertyName: 'data' },
			items: [
				{
					json: {},
					binary: {
						data: { data: file.toString('base64'), mimeType: 'text/plain', fileName: 'list.txt' },
					},
				},
			],
			credentials: devCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.phone_number)).toEqual(['tel:+16175550111', 'tel:+16175550112']);
		expect(output.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		expect(sandbox.requests[0].files.phone_list.content).toBe('tel:+16175550111,ref-a\ntel:+16175550112,ref-b,lang=es\n');
	});

	test('Plum refusing the campaign is an error carrying Plum\'s message, and the PIN appears nowhere', async () => {
		sandbox.fail('queuecalls', { type: 'xmlStatus', status: 'failed', message: 'Campaign name already in use' });
		const run = await runPlumNode({
			parameters: campaignParameters,
			items: itemsFrom(crmExport),
			credentials: devCredentials(sandbox),
		});
		expect(run.error?.message).toContain('Campaign name already in use');
		expect(JSON.stringify(run.run)).not.toContain(SANDBOX_SECRETS.pin);
		expect(sandbox.queueRequestCount()).toBe(1);
	});

	test('CRM column mappings read directly give exactly what n8n\'s evaluator gives', async () => {
		const rows = [
			{ id: 7, first_name: 'Ana', n: 1, phone: '6175550101' },
			{ id: 'b', first_name: null, n: true, phone: 6175550102 },
			{ id: 'c', n: 2.5, phone: '(617) 555-0103' },
		];
		const uploadFor = async (callParameters: string, messageReference: string) => {
			sandbox.reset();
			const { error } = await runPlumNode({
				parameters: { ...campaignParameters, callParameters, messageReference },
				items: itemsFrom(rows),
				credentials: devCredentials(sandbox),
			});
			expect(error).toBeUndefined();
			return sandbox.requests[0].files.phone_list.content;
		};
		// The parentheses keep the second form away from the direct reading, so n8n evaluates it.
		const direct = await uploadFor("={{ 'first_name=' + $json.first_name + '&n=' + $json.n }}", '={{ $json.id }}');
		const evaluated = await uploadFor("={{ ('first_name=' + $json.first_name + '&n=' + $json.n) }}", '={{ ($json.id) }}');
		expect(direct).toBe(evaluated);
		expect(direct).toContain('tel:+16175550102,b,first_name=null&n=true');
	});
});
