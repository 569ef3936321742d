// Public types of the sandbox (the contract other engineers code against).

export type ContainerKind = 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL';

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
	/**
	 * How 'slow' faults and latency wait. Default: real time (setTimeout). Tests pass a sleep they
	 * release themselves, so nothing depends on timing.
	 */
	sleep?: (ms: number) => Promise<void>;
}

export type ConfigPatch = Partial<
	Pick<
		SandboxOptions,
		'processingMs' | 'mediaNotFoundAfterFinishedMs' | 'refreshInvalidatesOld' | 'latencyMs'
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
	finishedAt: number;
	publishedMediaId?: string;
	params: Record<string, unknown>;
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
	/** Sandbox extra: another account replies to a post (for reply / pending-reply flows). Returns the reply id. */
	simulateReply(opts: SimulateReplyOptions): string;
	reset(): void;
	close(): Promise<void>;
}
