'use strict';
// Call records and their simulated progress. Nothing runs on a timer: a call's status is computed
// from the time since it became due, in steps of `callProgressMs` (queued -> dialing -> connected ->
// completed), so 100,000 queued calls cost memory only. Records share one settings object per request.
const { parsePhone, formatTelUri, quotedDigits, outcomeForNumber } = require('./phone');

/** Status after each step, by final outcome. */
const STATUS_STEPS = {
	completed: ['queued', 'dialing', 'connected', 'completed'],
	failed: ['queued', 'dialing', 'failed'],
	rejected: ['queued', 'rejected'],
};
/** Event name logged at each step (Plum's documented example ends with "disconnected"). */
const EVENT_STEPS = {
	completed: ['queued', 'dialing', 'connected', 'disconnected'],
	failed: ['queued', 'dialing', 'busy'],
	rejected: ['queued', 'rejected'],
};
const FINAL_STATUSES = new Set(['completed', 'canceled', 'failed', 'rejected']);

const seconds = (ms) => Math.floor(ms / 1000);

class Call {
	/**
	 * Kept small (the benchmark holds 100,000s): per-call values only, the rest in the shared settings.
	 * @param {string} callId
	 * @param {object} settings shared by every call of one request: { product, stepMs, now, queuedMs, resultUrl, maxAttempts, ... }
	 * @param {string} phoneText the number as the client sent it (already validated)
	 * @param {object|string[]|null} data call variables: the metadata object (queue) or the CSV row (bulk_queue)
	 */
	constructor(callId, settings, phoneText, messageReference, callParameters, data) {
		this.callId = callId;
		this.settings = settings;
		this.phoneText = phoneText;
		this.messageReference = messageReference;
		this.callParameters = callParameters;
		this.data = data ?? null;
		this.shiftMs = 0; // how far finishBy() moved this call's timeline back
		this.canceledMs = null;
	}

	/** 'dev' (webservice) or 'deployment' (Fuse API). */
	get product() {
		return this.settings.product;
	}

	get resultUrl() {
		return this.settings.resultUrl || '';
	}

	/** As Plum shows it: DEV, the normalised tel URI with the caller ID; deployment, the destination as sent. */
	get phoneNumber() {
		if (this.settings.product !== 'dev') return this.phoneText.trim();
		return formatTelUri(parsePhone(this.phoneText), this.settings.defaultAni);
	}

	/** The dialed digits with country code ('16175551234'). */
	get number() {
		return parsePhone(this.phoneText).number;
	}

	/** Where the call ends if nobody cancels it: completed, failed (busy) or rejected, from the number. */
	get outcome() {
		return outcomeForNumber(this.number);
	}

	get queuedMs() {
		return this.settings.queuedMs - this.shiftMs;
	}

	/** When dialing may begin: queue time, or the scheduled start if later. */
	get startMs() {
		return Math.max(this.settings.queuedMs, this.settings.scheduledMs || 0) - this.shiftMs;
	}

	/** Call variables: the metadata JSON object (queue) or the CSV columns after `destination` (bulk_queue). */
	get variables() {
		if (this.data === null) return {};
		if (!Array.isArray(this.data)) return this.data;
		const variables = {};
		const columns = this.settings.columns;
		for (let index = 1; index < columns.length; index++) variables[columns[index]] = this.data[index];
		return variables;
	}

	get status() {
		return this.progress(this.settings.now()).status;
	}

	/** { status, final, events: [{event, ms}], attempts } at time `now` (ms). */
	progress(now) {
		const outcome = this.outcome;
		const statuses = STATUS_STEPS[outcome];
		const eventNames = EVENT_STEPS[outcome];
		const finalStep = statuses.length - 1;
		const until = this.canceledMs ?? now;
		const stepMs = Math.max(this.settings.stepMs, 0);
		const startMs = this.startMs;
		const step = stepMs > 0 ? Math.min(finalStep, Math.max(0, Math.floor((until - startMs) / stepMs))) : finalStep;
		const events = [{ event: 'queued', ms: this.queuedMs }];
		for (let index = 1; index <= step; index++) events.push({ event: eventNames[index], ms: startMs + index * stepMs });
		let status = statuses[step];
		if (this.canceledMs !== null) {
			status = 'canceled';
			events.push({ event: 'canceled', ms: this.canceledMs });
		}
		let attempts = step >= 1 && outcome !== 'rejected' ? 1 : 0;
		if (status === 'failed') attempts = this.settings.maxAttempts; // every attempt was busy
		return { status, final: FINAL_STATUSES.has(status), events, attempts };
	}

	/** Marks the call canceled unless it already reached a final status; returns true if it did. */
	cancel(now) {
		if (this.progress(now).final) return false;
		this.canceledMs = now;
		return true;
	}

	/** Moves the call's timeline back so that it is final at `now` (used before a result callback). */
	finishBy(now) {
		if (this.progress(now).final) return;
		const finalStep = STATUS_STEPS[this.outcome].length - 1;
		this.shiftMs += this.startMs - (now - finalStep * Math.max(this.settings.stepMs, 0));
	}

	/** The deployment API's call_details object, in Plum's documented style (numbers as strings). */
	callDetails(now) {
		const { status, final, events, attempts } = this.progress(now);
		const at = (name) => events.find((item) => item.event === name);
		const connected = at('connected');
		const dialing = at('dialing');
		const last = events[events.length - 1];
		const endMs = final ? last.ms : null;
		const duration = connected ? seconds(endMs ?? now) - seconds(connected.ms) : 0;
		return {
			max_attempts: String(this.settings.maxAttempts),
			attempts: String(attempts),
			events: events.map((item) => ({ event: item.event, timestamp: seconds(item.ms) })),
			phone_number: quotedDigits({ number: this.number }),
			status,
			queued_timestamp: String(seconds(this.queuedMs)),
			start_timestamp: String(connected ? seconds(connected.ms) : 0),
			end_timestamp: String(endMs === null ? 0 : seconds(endMs)),
			last_attempt_timestamp: String(dialing ? seconds(dialing.ms) : 0),
			reattempt_wait: String(this.settings.reattemptWait || 0),
			duration: final ? duration : 0,
		};
	}
}

module.exports = { Call, FINAL_STATUSES };
