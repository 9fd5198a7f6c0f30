/**
 * A request the trigger refuses: answered with this status and text, and no workflow run starts.
 * The text goes back to the caller, so it must never contain the secret or a received value.
 */
export class WebhookRejection extends Error {
	readonly statusCode: number;

	constructor(statusCode: number, message: string) {
		super(message);
		this.name = 'WebhookRejection';
		this.statusCode = statusCode;
	}
}
