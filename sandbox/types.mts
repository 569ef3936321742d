// Public types of the sandbox (the contract other engineers code against).

export type ContainerKind = 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL';

/** simulate: never download (URL patterns decide); fetch: download every URL; auto: local hosts and mediaFetchHosts. */
export type MediaFetchMode = 'simulate' | 'fetch' | 'auto';

/** One download of an image_url / video_url (README, Media downloads). */
export interface MediaDownload {
	/** Absent while an image is pending and when its container was refused (1/2207052). */
	containerId?: string;
	mediaType: 'IMAGE' | 'VIDEO';
	/** As given in the container's parameters. */
	url: string;
	state: 'pending' | 'ok' | 'failed';
	/** HTTP status of the last answer (after redirects); absent when none came. */
	status?: number;
	contentType?: string;
	/** Bytes received (all of them when ok). */
	bytes: number;
	/** Hex SHA-256 of the body; only when ok. */
	sha256?: string;
	/** Redirects followed, and where they led. */
	redirects?: number;
	finalUrl?: string;
	/** Why it failed (e.g. `HTTP 403`, `connect ECONNREFUSED ...`, `Content-Type text/html ...`). */
	error?: string;
	/** Sandbox clock. */
	startedAt: number;
	settledAt?: number;
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	clock?: 'real' | 'manual';
	startTime?: number;
	processingMs?: Partial<Record<ContainerKind, number>>;
	mediaNotFoundAfterFinishedMs?: number;
	latencyMs?: number;
	refreshInvalidatesOld?: boolean;
	app?: { clientId?: string; clientSecret?: string };
	/** Default 'auto'. */
	mediaFetch?: MediaFetchMode;
	/** Hosts downloaded in 'auto' mode besides local ones: `host`, or `host=address` to connect there without DNS. */
	mediaFetchHosts?: string[];
	/** Real time one download may take, redirects included (default 30000). */
	mediaFetchTimeoutMs?: number;
	/** Default 8 MB images, 1 GB videos. */
	mediaMaxBytes?: Partial<Record<'IMAGE' | 'VIDEO', number>>;
	/**
	 * How 'slow' faults and latency wait. Default: real time (setTimeout). Tests pass a sleep they
	 * release themselves, so nothing depends on timing.
	 */
	sleep?: (ms: number) => Promise<void>;
}

export type ConfigPatch = Partial<
	Pick<
		SandboxOptions,
		| 'processingMs'
		| 'mediaNotFoundAfterFinishedMs'
		| 'refreshInvalidatesOld'
		| 'latencyMs'
		| 'mediaFetch'
		| 'mediaFetchHosts'
		| 'mediaFetchTimeoutMs'
		| 'mediaMaxBytes'
	>
>;

export interface RequestLogEntry {
	time: number;
	method: string;
	path: string;
	query: Record<string, string>;
	body: Record<string, unknown>;
	status: number;
	operation: string;
	fault?: string;
}

export type FaultKind =
	| 'http500'
	| 'transient'
	| 'unknownError'
	| 'throttle'
	| 'userThrottle'
	| 'throttle341'
	| 'drop'
	| 'lostResponse'
	| 'mediaNotFound'
	| 'slow';

export interface FaultRule {
	kind: FaultKind;
	operation?: string;
	method?: string;
	pathIncludes?: string;
	times?: number;
	probability?: number;
	delayMs?: number;
	seed?: number;
}

export interface PublishedPost {
	id: string;
	containerId: string;
	userId: string;
	mediaType: string;
	text: string;
	childrenContainerIds?: string[];
	replyToId?: string;
	timestamp: string;
	publishedAt: number;
	permalink: string;
	deleted?: boolean;
}

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

export interface ContainerView {
	id: string;
	userId: string;
	mediaType: ContainerKind;
	status: ContainerStatus;
	errorMessage?: string;
	isCarouselItem: boolean;
	childrenIds?: string[];
	text?: string;
	createdAt: number;
	/** When processing ends (ends or ended); while a media download runs, the earliest it can. */
	finishedAt: number;
	publishedMediaId?: string;
	params: Record<string, unknown>;
	/** The download of image_url / video_url, when the sandbox made one. */
	download?: MediaDownload;
}

export interface IssueTokenOptions {
	userId?: string;
	kind?: 'short' | 'long';
	scopes?: string[];
	issuedAt?: number;
}

export interface AuthorizationCodeOptions {
	userId?: string;
	scopes?: string[];
	redirectUri?: string;
}

export interface SimulateReplyOptions {
	to: string;
	text?: string;
	username?: string;
	/** Epoch ms or an ISO date; default: the sandbox clock's now. */
	timestamp?: number | string;
	/** Awaiting approval (only in /{post}/pending_replies), whatever the root post's enable_reply_approvals. */
	pending?: boolean;
}

/** Options of the injection helpers: `{n}` in text is replaced by 1..count; item i is at timestamp + i * stepMs. */
export interface InjectOptions {
	text?: string;
	timestamp?: number | string;
	count?: number;
	stepMs?: number;
}

export interface InjectRepliesOptions extends InjectOptions, Omit<SimulateReplyOptions, 'text' | 'timestamp'> {}

export interface InjectMentionsOptions extends InjectOptions {
	/** Author of the mentioning posts (default public_creator). */
	username?: string;
	/** Who is mentioned (default the sandbox's default user, sandbox_user). */
	mentioned?: string;
}

export interface InjectPostsOptions extends InjectOptions {
	/** Owner of the posts (default the sandbox's default user). */
	userId?: string;
}

export type WebhookField = 'replies' | 'mentions' | 'publish' | 'delete';

export type WebhookTamper =
	| 'bad-signature'
	| 'no-signature'
	| 'sha1-only'
	| 'malformed-body'
	| 'replay'
	| 'burst'
	| 'body-changed';

export interface WebhookSubscribeOptions {
	callbackUrl: string;
	verifyToken: string;
	/** Key of X-Hub-Signature-256; default the app's client secret. */
	appSecret?: string;
	fields?: WebhookField[];
	/** Waits (real time) before each retry of a failed delivery. */
	retryDelaysMs?: number[];
	/** How long one POST may take before it counts as failed (status 0). Default 10000. */
	timeoutMs?: number;
}

export interface WebhookSubscriptionView {
	id: string;
	callbackUrl: string;
	fields: WebhookField[];
	retryDelaysMs: number[];
}

export interface WebhookDelivery {
	id: string;
	subscriptionId: string;
	field: WebhookField;
	/** Same for every attempt and replay of one event. */
	eventKey: string;
	attempts: number;
	/** HTTP status of each attempt; 0 = connection error or timeout. */
	statuses: number[];
	/** Some attempt got a 2xx answer. */
	delivered: boolean;
	tamper?: WebhookTamper;
	/** Last connection error, if any. */
	error?: string;
	/** The exact body sent (after tampering). */
	body: string;
}

export interface WebhookSendOptions {
	field: WebhookField;
	/** values.value of the payload; default a realistic one with fresh ids. */
	value?: Record<string, unknown>;
	subscriptionId?: string;
	tamper?: WebhookTamper;
	/** Distinct events (default 1, or 10 for burst). */
	count?: number;
}

export interface WebhookState {
	subscriptions: WebhookSubscriptionView[];
	deliveries: WebhookDelivery[];
}

export interface SandboxWebhooks {
	/** Meta's GET handshake first; rejects (nothing stored) unless the callback echoes the challenge with 200. */
	subscribe(opts: WebhookSubscribeOptions): Promise<{ id: string; fields: WebhookField[] }>;
	list(): WebhookState;
	/** Removes subscriptions and the delivery log; pending retries are cancelled. */
	clear(): void;
	/** Resolves when every pending delivery (retries included) has settled. */
	flush(): Promise<WebhookState>;
	send(opts: WebhookSendOptions): Promise<{ deliveries: WebhookDelivery[] }>;
}

export interface SandboxClock {
	now(): number;
	advance(ms: number): void;
	set(epochMs: number): void;
}

export interface Sandbox {
	url: string;
	port: number;
	app: { clientId: string; clientSecret: string; metaAppId: string };
	user: { id: string; username: string };
	clock: SandboxClock;
	issueToken(opts?: IssueTokenOptions): string;
	createAuthorizationCode(opts?: AuthorizationCodeOptions): string;
	faults: { inject(rule: FaultRule): string; clear(): void; list(): FaultRule[] };
	setLatency(ms: number): void;
	configure(patch: ConfigPatch): void;
	log: RequestLogEntry[];
	clearLog(): void;
	published(userId?: string): PublishedPost[];
	containers(): ContainerView[];
	/** Every download of a media URL since start or reset, oldest first. */
	mediaDownloads(): MediaDownload[];
	/** Resolves (with mediaDownloads()) once every running download has settled. */
	settleMedia(): Promise<MediaDownload[]>;
	/** Sandbox extra: another account replies to a post (for reply / pending-reply flows). Returns the reply id. */
	simulateReply(opts: SimulateReplyOptions): string;
	/** Sandbox extras for polling triggers: scripted streams of replies, mentions and own posts. Return the ids. */
	inject: {
		replies(opts: InjectRepliesOptions): string[];
		mentions(opts?: InjectMentionsOptions): string[];
		posts(opts?: InjectPostsOptions): string[];
	};
	/** Webhook subscriptions and deliveries, as Meta sends them (see README, Webhooks). */
	webhooks: SandboxWebhooks;
	reset(): void;
	close(): Promise<void>;
}
