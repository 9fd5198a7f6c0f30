/**
 * Callback bodies shaped like the local sandbox's (sandbox/callbacks.js): the DEV webservice's result
 * as form fields, and a deployment's call_details plus call_id as JSON, XML and PHP-style form fields.
 */

export const DEV_RESULT_FIELDS: Record<string, string> = {
	call_id: '112850593',
	status: 'completed',
	result: 'answered',
	message_reference: 'order-42',
	call_parameters: 'lang=en',
	phone_number: 'tel:+16175551234;ani=8005551234',
	campaign_name: '',
	attempts: '1',
	max_retries: '2',
	duration: '37',
	queued_timestamp: '1475095892',
	start_timestamp: '1475095925',
	end_timestamp: '1475095962',
};

export function devResultForm(overrides: Record<string, string> = {}): string {
	return new URLSearchParams({ ...DEV_RESULT_FIELDS, ...overrides }).toString();
}

/** Plum's documented call_details example (PLUM-API.md §4) with the call_id the sandbox adds. */
export const DEPLOYMENT_RESULT = {
	call_id: '7001',
	max_attempts: '1',
	attempts: '1',
	events: [
		{ event: 'queued', timestamp: 1475095892 },
		{ event: 'dialing', timestamp: 1475095893 },
		{ event: 'connected', timestamp: 1475095925 },
		{ event: 'disconnected', timestamp: 1475095928 },
	],
	phone_number: "'6173720293'",
	status: 'completed',
	queued_timestamp: '1475095892',
	start_timestamp: '1475095925',
	end_timestamp: '1475095928',
	last_attempt_timestamp: '1475095893',
	reattempt_wait: '300',
	duration: 3,
};

export const DEPLOYMENT_RESULT_XML = `<?xml version="1.0"?>
<call_details>
    <call_id>7001</call_id>
    <max_attempts>1</max_attempts>
    <attempts>1</attempts>
    <events>
        <event>
            <event>queued</event>
            <timestamp>1475095892</timestamp>
        </event>
        <event>
            <event>dialing</event>
            <timestamp>1475095893</timestamp>
        </event>
        <event>
            <event>connected</event>
            <timestamp>1475095925</timestamp>
        </event>
        <event>
            <event>disconnected</event>
            <timestamp>1475095928</timestamp>
        </event>
    </events>
    <phone_number>&apos;6173720293&apos;</phone_number>
    <status>completed</status>
    <queued_timestamp>1475095892</queued_timestamp>
    <start_timestamp>1475095925</start_timestamp>
    <end_timestamp>1475095928</end_timestamp>
    <last_attempt_timestamp>1475095893</last_attempt_timestamp>
    <reattempt_wait>300</reattempt_wait>
    <duration>3</duration>
</call_details>
`;

/** As PHP's http_build_query writes the deployment result: events[0][event]=queued&… */
export const DEPLOYMENT_RESULT_PHP_FORM = [
	'call_id=7001',
	'max_attempts=1',
	'attempts=1',
	'events[0][event]=queued',
	'events[0][timestamp]=1475095892',
	'events[1][event]=dialing',
	'events[1][timestamp]=1475095893',
	'events[2][event]=connected',
	'events[2][timestamp]=1475095925',
	'events[3][event]=disconnected',
	'events[3][timestamp]=1475095928',
	`phone_number=${encodeURIComponent("'6173720293'")}`,
	'status=completed',
	'queued_timestamp=1475095892',
	'start_timestamp=1475095925',
	'end_timestamp=1475095928',
	'last_attempt_timestamp=1475095893',
	'reattempt_wait=300',
	'duration=3',
].join('&');

/** What every deployment body above normalises to (events and the fields Plum documents). */
export const NORMALISED_DEPLOYMENT_FIELDS = {
	call_id: '7001',
	max_attempts: 1,
	attempts: 1,
	events: [
		{ event: 'queued', timestamp: 1475095892, timestamp_iso: '2016-09-28T20:51:32.000Z' },
		{ event: 'dialing', timestamp: 1475095893, timestamp_iso: '2016-09-28T20:51:33.000Z' },
		{ event: 'connected', timestamp: 1475095925, timestamp_iso: '2016-09-28T20:52:05.000Z' },
		{ event: 'disconnected', timestamp: 1475095928, timestamp_iso: '2016-09-28T20:52:08.000Z' },
	],
	phone_number: '6173720293',
	status: 'completed',
	queued_timestamp: 1475095892,
	queued_timestamp_iso: '2016-09-28T20:51:32.000Z',
	start_timestamp: 1475095925,
	start_timestamp_iso: '2016-09-28T20:52:05.000Z',
	end_timestamp: 1475095928,
	end_timestamp_iso: '2016-09-28T20:52:08.000Z',
	last_attempt_timestamp: 1475095893,
	last_attempt_timestamp_iso: '2016-09-28T20:51:33.000Z',
	reattempt_wait: 300,
	duration: 3,
	final: true,
	source: 'deployment',
};

export const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
export const JSON_TYPE = { 'Content-Type': 'application/json' };
export const XML_TYPE = { 'Content-Type': 'application/xml' };
