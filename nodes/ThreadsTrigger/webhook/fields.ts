/**
 * The Threads webhook fields a Meta app can subscribe to (App Dashboard > Use cases > Threads API >
 * Webhooks). Topic `moderate` carries replies and delete, topic `interaction` mentions and publish.
 */
export const THREADS_WEBHOOK_FIELDS = ['replies', 'mentions', 'publish', 'delete'] as const;

export type ThreadsWebhookField = (typeof THREADS_WEBHOOK_FIELDS)[number];

export function isThreadsWebhookField(value: unknown): value is ThreadsWebhookField {
	return (THREADS_WEBHOOK_FIELDS as readonly unknown[]).includes(value);
}
